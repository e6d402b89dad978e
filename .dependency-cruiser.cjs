/**
 * Import-graph rules (issue 13): no cycles, and no arrow from a lower grader layer up to a higher one.
 * Grader layers: process and harness at the bottom, targets and suites above them, batch, commands and run on top.
 * Test files are exempt: a test may reach across layers to wire a scenario.
 */
const TESTS = '\\.test\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle ties modules together so none can be understood or moved alone.',
      from: { path: '^(grader|proxy|tiny-server)/src/', pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'low-layer-imports-orchestration',
      severity: 'error',
      comment: 'targets, harness and process sit below batch, commands and run and must not import them.',
      from: { path: '^grader/src/(targets|harness|process)/', pathNot: TESTS },
      to: { path: '^grader/src/(batch|commands|run)/' },
    },
    {
      name: 'harness-or-process-imports-targets-or-suites',
      severity: 'error',
      comment: 'harness and process sit below targets and suites and must not import them.',
      from: { path: '^grader/src/(harness|process)/', pathNot: TESTS },
      to: { path: '^grader/src/(targets|suites)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
