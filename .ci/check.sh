#!/usr/bin/env bash
# `npm run check`, with a plain "N passed, N failed" closing line read from vitest's JSON report.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .skiff/ci
report=.skiff/ci/vitest.json
rm -f "$report"
npm run typecheck && npm run lint && npm run layers || exit 1
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
status=$?
if [ -f "$report" ]; then
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);' "$report"
fi
exit $status
