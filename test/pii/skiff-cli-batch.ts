import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { main } from "../../cli/main.js";
import { batchMarker } from "./batch-marker.js";

/**
 * Child-process entry: runs `skiff <argv>` once per batch entry with the
 * process's own stdout and stderr (where the logger writes, straight to fd 2),
 * and marks where each run starts and ends on both streams.
 * Usage: node --import tsx test/pii/skiff-cli-batch.ts <batch.json>
 */
const batchSchema = z.array(z.object({ id: z.string(), argv: z.array(z.string()) }));
const batch = batchSchema.parse(JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")));
for (const { id, argv } of batch) {
  process.stdout.write(`\n${batchMarker(id, "start")}\n`);
  process.stderr.write(`\n${batchMarker(id, "start")}\n`);
  const code = await main(["node", "skiff", ...argv]);
  // The logger writes to fd 2 asynchronously; let its writes land before the end marker.
  await sleep(30);
  process.stdout.write(`\n${batchMarker(id, "end", code)}\n`);
  process.stderr.write(`\n${batchMarker(id, "end", code)}\n`);
}
