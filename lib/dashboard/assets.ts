/**
 * The dashboard's browser script and style sheet. In the repository they are empty: `npm run package`
 * bundles `dashboard/` (with uPlot) and puts the result in place of this module inside the zip
 * (`dashboardAssetsPlugin` in dev/package.ts), because an app in a workspace reads no files but its code.
 */
export const DASHBOARD_ASSETS: { readonly script: string; readonly style: string } = { script: '', style: '' };
