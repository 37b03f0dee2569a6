/**
 * Architecture rules, checked by `npm run lint:deps` (part of `npm test`). Each says why.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-shared',
      comment: 'shared/ is what the worker and the extension agree on; it may depend on neither.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(extension|worker)/' },
    },
    {
      name: 'worker-without-extension',
      comment: 'The worker runs in workerd; browser code must never be bundled into it.',
      severity: 'error',
      from: { path: '^worker/' },
      to: { path: '^extension/' },
    },
    {
      name: 'extension-without-worker',
      comment: 'The extension talks to the worker over HTTP through shared/api; server code (and its secrets) stays server-side.',
      severity: 'error',
      from: { path: '^extension/' },
      to: { path: '^worker/' },
    },
    {
      name: 'page-scripts-reach-no-storage',
      comment:
        'Content scripts and the injected page reader run inside third-party pages: they only read the page and message the background. ' +
        'Nothing they load may reach the local database (the cache and outbox) or the session that holds the token.',
      severity: 'error',
      from: { path: '^extension/entrypoints/(webmail\\.content|capture-reader)\\.ts$' },
      to: { path: '^extension/(db/|sync/session)', reachable: true },
    },
    {
      name: 'no-cycles',
      comment:
        'A runtime cycle makes two modules one concept in two files and their load order fragile; split what both need into a third. ' +
        'Type-only imports (erased at build) may close a loop, e.g. Env naming the Durable Object classes it binds.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'tests-and-benches-stay-out',
      comment: 'Product code never imports tests or benchmarks (the bench page is built only for benchmarks, see wxt.config.ts).',
      severity: 'error',
      from: { path: '^(extension|worker|shared)/', pathNot: '^extension/entrypoints/bench/' },
      to: { path: '^(tests|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|\\.output|\\.wxt|\\.wrangler)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
