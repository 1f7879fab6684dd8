import type { ClickHouseClient } from "@clickhouse/client";

/**
 * The `readonly` level the user's own profile gives it, read with no settings
 * sent (a readonly = 1 user may send none): 0 may write, 1 may neither write
 * nor change settings, 2 may change settings but not write. It decides how the
 * adapter sends its limits: ClickHouse 18.16 refuses even a stricter
 * `readonly` from a user whose profile already sets one.
 */
export async function clickHouseReadonlyLevel(client: ClickHouseClient, signal?: AbortSignal): Promise<0 | 1 | 2> {
  const result = await client.query({ query: "SELECT value FROM system.settings WHERE name = 'readonly'", format: "TabSeparated", ...(signal ? { abort_signal: signal } : {}) });
  const value = (await result.text()).trim();
  return value === "1" ? 1 : value === "2" ? 2 : 0;
}
