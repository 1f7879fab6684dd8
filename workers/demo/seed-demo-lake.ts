import { mkdir, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { z } from "zod";
import { SkiffError } from "../../shared/errors.js";
import { generateDemoLake } from "./generate-demo-lake.js";
import { writeDemoLake, type DemoLakeData } from "./write-demo-lake.js";

export interface SeedOptions {
  /** The lake's "now": today's signups, the newest request and yesterday's usage are all relative to it. */
  asOf: Date;
  /** Multiplies row counts: 1 is 3,000 accounts, 10,000 zones, about 450k request rows and 70k usage rows. */
  scale: number;
  /** DuckDB file to write; parent folders are created and an existing file is replaced atomically. */
  out: string;
}

export interface SeedSummary {
  out: string;
  asOf: string;
  scale: number;
  /** Row counts by "schema.table". */
  tables: Record<string, number>;
  ms: number;
}

const seedOptionsSchema = z.object({
  asOf: z.date(), // zod refuses an Invalid Date too
  scale: z.number().min(0.01).max(20),
  out: z.string().min(1),
});

/**
 * Writes the demo lake: a CDN company's accounts, zones, sampled request
 * logs and daily billing, as a DuckDB file. The same asOf and scale give the
 * same rows. The file is written beside `out` and renamed into place, so a
 * reader never sees a half-written lake, and it is checkpointed and closed so
 * other processes can open it read-only straight away.
 */
export async function seedDemoLake(options: SeedOptions): Promise<SeedSummary> {
  const parsed = seedOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new SkiffError(
      "CONFIG_INVALID",
      `demo lake options are invalid; pass a valid asOf date, a scale between 0.01 and 20 and an output path:\n${z.prettifyError(parsed.error)}`,
    );
  }
  const { asOf, scale, out } = parsed.data;
  const started = performance.now();
  const data = generateDemoLake(asOf, scale);

  const temporary = `${out}.tmp`;
  await mkdir(dirname(out), { recursive: true });
  await removeDatabase(temporary);
  let tables: Record<string, number>;
  try {
    tables = await writeDatabase(temporary, data);
  } catch (error) {
    await removeDatabase(temporary);
    throw error instanceof SkiffError
      ? error
      : new SkiffError("INTERNAL", `could not write the demo lake to ${temporary}; check that the folder is writable and has space`, { cause: error });
  }
  // A WAL left by an older file at `out` would be replayed onto the new one.
  await rm(`${out}.wal`, { force: true });
  await rename(temporary, out);
  return { out, asOf: asOf.toISOString(), scale, tables, ms: Math.round(performance.now() - started) };
}

async function writeDatabase(path: string, data: DemoLakeData): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(path);
  try {
    const connection = await instance.connect();
    try {
      const tables = await writeDemoLake(connection, data);
      await connection.run("CHECKPOINT");
      return tables;
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

async function removeDatabase(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
}
