import { describe, expect, it } from "vitest";
import { createScratchInstances } from "./create-scratch-instances.js";

async function tableCount(instance: Awaited<ReturnType<ReturnType<typeof createScratchInstances>["take"]>>): Promise<number> {
  const connection = await instance.connect();
  try {
    return Number((await connection.runAndReadAll("SELECT count(*) FROM duckdb_tables() WHERE NOT internal")).getRows()[0]?.[0]);
  } finally {
    connection.disconnectSync();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("createScratchInstances", () => {
  it("reuses a handed-back instance only once it is empty", async () => {
    const instances = createScratchInstances();
    const first = await instances.take();
    const connection = await first.connect();
    await connection.run("CREATE TABLE members AS SELECT 1 AS zone_id");
    connection.disconnectSync();
    instances.give(first, ["members"]);
    await settle();
    const second = await instances.take();
    expect(second).toBe(first);
    expect(await tableCount(second)).toBe(0);
    instances.give(second, []);
    instances.close();
  });

  it("closes an instance that still holds a table it was not told about", async () => {
    const instances = createScratchInstances();
    const first = await instances.take();
    const connection = await first.connect();
    await connection.run("CREATE TABLE stray AS SELECT 1 AS x");
    connection.disconnectSync();
    instances.give(first, []);
    await settle();
    const next = await instances.take();
    expect(next).not.toBe(first);
    expect(await tableCount(next)).toBe(0);
    instances.close();
  });
});
