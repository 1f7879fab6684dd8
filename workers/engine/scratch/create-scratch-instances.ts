import { DuckDBInstance } from "@duckdb/node-api";

/** Settings every scratch database runs under: no files, no network, settings locked. */
const scratchSettings = { enable_external_access: "false", lock_configuration: "true" };

export interface ScratchInstances {
  /** A fresh in-memory DuckDB, never used by another run. */
  take(): Promise<DuckDBInstance>;
  close(): void;
}

/**
 * Hands out fresh scratch databases with one kept warm: creating an in-memory
 * DuckDB costs tens of milliseconds, which would otherwise sit on every
 * cross-source answer's critical path. Runs never share an instance.
 */
export function createScratchInstances(): ScratchInstances {
  const create = () => DuckDBInstance.create(":memory:", scratchSettings);
  let spare: Promise<DuckDBInstance> | undefined;
  let closed = false;
  const refill = () => {
    const next = create();
    // A failed warm-up is retried by the next take(); it must not surface as an unhandled rejection.
    next.catch(() => undefined);
    spare = next;
  };
  return {
    async take() {
      const ready = spare ?? create();
      spare = undefined;
      if (!closed) refill();
      try {
        return await ready;
      } catch {
        return create();
      }
    },
    close() {
      closed = true;
      const idle = spare;
      spare = undefined;
      void idle?.then((instance) => instance.closeSync()).catch(() => undefined);
    },
  };
}
