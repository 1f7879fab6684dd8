import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { packageRoot } from "../../shared/package-root.js";
import { batchMarker } from "./batch-marker.js";

/** What one run of a batch printed on the real streams: the command's output, and on stderr its logs. */
export interface BatchRun {
  stdout: string;
  stderr: string;
  code: number | undefined;
}

/**
 * Runs `skiff` as one real child process (`node --import tsx`) over many
 * argv lists, and splits its stdout and stderr back into one part per run.
 * Text outside every run (start-up, a crash) is returned under `outside`.
 */
export async function runSkiffBatch(options: {
  entries: ReadonlyArray<{ id: string; argv: readonly string[] }>;
  env: Readonly<Record<string, string>>;
  dir: string;
  timeoutMs: number;
}): Promise<{ runs: Map<string, BatchRun>; outside: string; exitCode: number | null }> {
  const file = join(options.dir, `batch-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(options.entries));
  const root = packageRoot();
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "test", "pii", "skiff-cli-batch.ts"), file], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => void (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => void (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearTimeout(timer);

  const runs = new Map<string, BatchRun>();
  let outside = "";
  for (const [stream, text] of [["stdout", stdout], ["stderr", stderr]] as const) {
    let rest = text;
    for (const { id } of options.entries) {
      const start = batchMarker(id, "start");
      const at = rest.indexOf(start);
      if (at < 0) continue;
      outside += rest.slice(0, at);
      const endAt = rest.indexOf(`@@skiff-batch end ${id}`, at);
      const body = rest.slice(at + start.length, endAt < 0 ? undefined : endAt);
      const code = endAt < 0 ? undefined : Number(/exit (\d+)@@/.exec(rest.slice(endAt, endAt + 80))?.[1]);
      const run = runs.get(id) ?? { stdout: "", stderr: "", code };
      run[stream] = body.trim();
      runs.set(id, run);
      rest = endAt < 0 ? "" : rest.slice(rest.indexOf("@@", endAt + 2) + 2);
    }
    outside += rest;
  }
  return { runs, outside: outside.trim(), exitCode };
}
