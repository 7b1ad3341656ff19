// The architecture's boundaries (ARCHITECTURE.md "Boundaries that must hold"), checked on every `npm test`.
// Issue 15's boundaries and where each is held: shared/domain imports nothing outside shared (and not
// the contract: domain-imports-only-domain); the service never imports the demo generator
// (service-without-demo-generator); electron only in electron/main and electron/preload; the renderer
// never imports the engine or the server (renderer-through-contract-only); the engine never imports
// the renderer (engine-not-on-server-or-ui). One actor mapping and one role list in shared/ is not an
// import rule: test/unit/architecture/one-place.test.ts greps for copies. test/unit/architecture/
// boundaries.test.ts shows each rule failing on a probe file.
const LAYERS = '^(electron|renderer|server|platform|bench|test|scripts)/';
const SERVER_OR_UI_PACKAGES = 'node_modules/(electron|react|react-dom|@mui|@emotion|pdfjs-dist|lowdb|fastify|@fastify|pg|drizzle-orm|@electric-sql)/';

module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-other-layer',
      comment: 'shared/ is used by server, engine and renderer alike: it imports nothing from them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: LAYERS },
    },
    {
      name: 'shared-imports-no-node',
      comment: 'shared/ runs in the renderer too: no Node built-ins.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-imports-no-platform-packages',
      comment: 'shared/ stays pure: no UI, database, server or Electron packages.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: SERVER_OR_UI_PACKAGES },
    },
    {
      name: 'domain-imports-only-domain',
      comment:
        'shared/domain is the lifecycle written once; the contract (shared/contract) and the texts (shared/i18n) are built on it, never the other way round, so the rules stay usable without either.',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { path: '^shared/', pathNot: '^shared/domain/' },
    },
    {
      name: 'electron-only-in-main-and-preload',
      comment: 'Only electron/main and electron/preload import electron: that keeps the engine testable without the Electron binary.',
      severity: 'error',
      from: { pathNot: '^(electron/main|electron/preload)/' },
      to: { path: ['^node_modules/electron/', '^electron$'] },
    },
    {
      name: 'renderer-through-contract-only',
      comment: 'The renderer reaches the engine only through its contract client (renderer/api), never engine, host or server code.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|server)/' },
    },
    {
      name: 'renderer-without-holiday-data',
      comment: "date-holidays carries every country's holidays and calendars (about 1.4 MB of code, half the renderer's bundle): the renderer builds its calendar from the list the engine sends with the session, never from the library (shared/domain/public-holidays.ts).",
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^shared/domain/public-holidays\\.ts$', 'node_modules/date-holidays'], reachable: true },
    },
    {
      name: 'server-independent-of-desktop',
      comment: 'The claims service does not depend on the desktop app.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'service-without-demo-generator',
      comment: 'The demo generator (server/demo) is loaded by `npm start`, `npm run web` and `npm run demo` through its own entry (server/demo/main.ts, cli.ts); the service never imports it.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/demo/' },
      to: { path: '^server/demo/' },
    },
    {
      name: 'engine-not-on-server-or-ui',
      comment: 'The engine talks to the server over HTTP (shared/contract), and knows nothing of the UI.',
      severity: 'error',
      from: { path: '^electron/engine/' },
      to: { path: '^(server|renderer|electron/main|electron/preload|electron/host)/' },
    },
    {
      name: 'platform-imports-no-layer',
      comment: 'platform/ holds Node-only helpers that the service and the desktop engine both use: it depends on shared/ at most.',
      severity: 'error',
      from: { path: '^platform/' },
      to: { path: '^(electron|renderer|server|bench|test|scripts)/' },
    },
    {
      name: 'no-unresolvable-imports',
      comment: 'An import that resolves to nothing is a typo or a missing dependency; it must not pass silently.',
      severity: 'error',
      from: { path: '^(shared|platform|electron|renderer|server|bench|test|scripts)/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release|coverage|test-results|[.]data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'] },
    // Type-only imports count too: a type from server/ in shared/ is still a wrong dependency.
    moduleSystems: ['es6', 'cjs'],
  },
};
