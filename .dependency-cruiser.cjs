/** Skiff's layers: shared <- catalog <- workers; shared <- bot; cli, test and bench compose. */
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", from: {}, to: { circular: true } },
    { name: "bot-not-workers", comment: "bot/ and workers/ meet only in shared/ job schemas", severity: "error", from: { path: "^bot/" }, to: { path: "^workers/" } },
    { name: "workers-not-bot", comment: "bot/ and workers/ meet only in shared/ job schemas", severity: "error", from: { path: "^workers/" }, to: { path: "^bot/" } },
    { name: "shared-is-a-leaf", comment: "shared/ imports nothing internal", severity: "error", from: { path: "^shared/", pathNot: "\\.test\\.ts$" }, to: { path: "^(catalog|workers|bot|cli|test|bench)/" } },
    { name: "catalog-only-shared", severity: "error", from: { path: "^catalog/", pathNot: "\\.test\\.ts$" }, to: { path: "^(workers|bot|cli|test|bench)/" } },
    { name: "nobody-imports-cli", comment: "cli/ is a composition root; only tests and benchmarks drive it", severity: "error", from: { pathNot: "^(cli|test|bench)/" }, to: { path: "^cli/" } },
    { name: "nobody-imports-test", severity: "error", from: { pathNot: "^(test|bench)/|\\.test\\.ts$" }, to: { path: "^test/" } },
    { name: "nobody-imports-bench", severity: "error", from: { pathNot: "^bench/" }, to: { path: "^bench/" } },
    { name: "no-unresolvable", severity: "error", from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    includeOnly: "^(shared|catalog|workers|bot|cli|test|bench)/",
    exclude: { path: "(^|/)(node_modules|dist|\\.skiff)/" },
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js", ".json"] },
  },
};
