#!/usr/bin/env node
// The CLI runs from the build; a fresh clone has no dist/ until `npm run build`.
let main;
try {
  ({ main } = await import("../dist/cli/main.js"));
} catch (error) {
  const missing = error?.code === "ERR_MODULE_NOT_FOUND" ? String(error.message) : undefined;
  if (missing?.startsWith("Cannot find package")) {
    const name = /Cannot find package '([^']+)'/.exec(missing)?.[1] ?? "a dependency";
    process.stderr.write(`skiff: ${name} is not installed; run npm ci\n`);
    process.exit(1);
  }
  if (missing !== undefined) {
    process.stderr.write("skiff: not built yet; run npm run build (or npx tsx cli/main.ts …)\n");
    process.exit(1);
  }
  throw error;
}

process.exitCode = await main(process.argv);
