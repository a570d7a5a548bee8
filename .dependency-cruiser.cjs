// The layers of lib/, bottom first: a folder may import only the folders before it (and itself), so no
// two folders can import each other, directly or round a circle. `npm run lint` checks it (CI runs it).
// Above lib/ sit the entry points (the app class, endpoints/, jobs/, slashcommands/) and the browser's dashboard/.
const LAYERS = [
    'util', // small helpers with no domain
    'time', // instants, ranges, UTC periods, calendars and named ranges in a timezone
    'format', // durations as people read them
    'i18n', // the user's language
    'access', // who may read the reports
    'legs', // an agent's stretches of a chat, from the livechat events
    'chats', // a closed chat's record and how it is recorded (ports: ChatStore, LegStore)
    'hours', // business hours and the time inside them
    'reports', // scope, crediting, totals, stats, rounding, pagination (port: ReportReader)
    'history', // the import of chats closed before the install
    'settings', // the app's settings
    'storage', // records, buckets and timelines in the app's persistence, behind the ports above
    'http', // query checks, answers, CSV, OpenAPI, routes
    'dashboard', // the dashboard's page and strings, served by the app
    'command', // the slash command
    'workspace', // the accessors of a workspace wired to the ports: what the entry points call
];

const above = (index) => LAYERS.slice(index + 1);

module.exports = {
    forbidden: [
        {
            name: 'no-circular',
            severity: 'error',
            comment: 'Modules must not import each other, directly or round a circle.',
            from: {},
            to: { circular: true },
        },
        ...LAYERS.slice(0, -1).map((layer, index) => ({
            name: `layer-${layer}`,
            severity: 'error',
            comment: `lib/${layer} may import only the layers below it: not ${above(index).join(', ')}.`,
            from: { path: `^lib/${layer}/` },
            to: { path: `^lib/(${above(index).join('|')})/` },
        })),
        {
            name: 'no-unknown-layer',
            severity: 'error',
            comment: 'Every folder of lib/ is a layer: add a new folder to LAYERS in .dependency-cruiser.cjs.',
            from: { path: '^lib/', pathNot: `^lib/(${LAYERS.join('|')})/` },
            to: {},
        },
        {
            name: 'lib-below-entry-points',
            severity: 'error',
            comment: 'lib/ knows nothing of the entry points, the browser code, the tests or the dev tools.',
            from: { path: '^lib/' },
            to: { path: '^(endpoints|jobs|slashcommands|dashboard|tests|dev|bench)/|^AgentServiceTimeApp' },
        },
    ],
    options: {
        doNotFollow: { path: 'node_modules' },
        exclude: { path: '^(node_modules|build|dist)/' },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: 'tsconfig.json' },
    },
};
