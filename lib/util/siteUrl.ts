/** An address under the workspace's `Site_Url`, given with a trailing slash or not: `path` starts with `/`. */
export function underSiteUrl(siteUrl: string, path: string): string {
    return `${siteUrl.replace(/\/+$/, '')}${path}`;
}
