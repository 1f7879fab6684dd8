import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SlackCall } from "../../test/fakes/slack/start-fake-slack.js";

/** Writes a failed scenario's role logs, every Slack call and its problems under `dir`, for the next engineer to read. */
export async function saveScenarioEvidence(dir: string, evidence: { logs: Record<string, string>; calls: readonly SlackCall[]; problems: readonly string[] }): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all([
    ...Object.entries(evidence.logs).map(([role, text]) => writeFile(join(dir, `${role}.log`), text)),
    writeFile(join(dir, "slack-calls.json"), JSON.stringify(evidence.calls, null, 1)),
    writeFile(join(dir, "problems.txt"), evidence.problems.join("\n")),
  ]);
}
