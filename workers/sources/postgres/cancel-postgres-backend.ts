import pg from "pg";

/**
 * Asks Postgres to cancel the statement a backend is running, from a
 * connection of its own: the pool's may all be busy, one of them with the
 * very statement to cancel. Best effort and quick: the adapter's deadline
 * destroys the statement's connection anyway.
 */
export async function cancelPostgresBackend(config: pg.ClientConfig, pid: number): Promise<void> {
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 2_000, query_timeout: 2_000, application_name: "skiff-cancel" });
  // A server that drops this connection must not take the process down with an unheard 'error'.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT pg_cancel_backend($1)", [pid]);
  } catch {
    // The server may be gone or hung; the deadline still frees the worker.
  } finally {
    await client.end().catch(() => undefined);
  }
}
