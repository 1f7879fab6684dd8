/**
 * What is too powerful about the user a ClickHouse source connects as, from
 * its profile's `readonly` level. Level 0 can write: the adapter's per-request
 * readonly=1 holds, but nothing behind it does. Level 1 cannot write, but
 * neither can the adapter send its limits (timeout, row, byte and memory
 * caps), so only the profile's hold. Level 2 is the one to use.
 */
export function clickHouseCredentialWarnings(source: string, user: string, readonlyLevel: 0 | 1 | 2): string[] {
  const who = `${source} connects as ClickHouse user ${user}`;
  if (readonlyLevel === 0) {
    return [`${who}, whose profile has readonly = 0, so it can write and change settings; give it a profile with readonly = 2 (README: "Real sources")`];
  }
  if (readonlyLevel === 1) {
    return [
      `${who}, whose profile has readonly = 1, so Skiff cannot send its per-query limits (max_execution_time, max_result_rows, max_memory_usage) and only the profile's hold; use readonly = 2 with those limits in the profile (README: "Real sources")`,
    ];
  }
  return [];
}
