import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampValue,
  type DuckDBConnection,
} from "@duckdb/node-api";
import { appendRows } from "./append-rows.js";
import { demoLakeDdl } from "./demo-lake-ddl.js";
import type { DemoAccount } from "./generate-accounts.js";
import type { HttpRequestsData } from "./generate-http-requests.js";
import type { UsageRow } from "./generate-usage-daily.js";
import type { DemoZone } from "./generate-zones.js";
import { itemAt } from "./item-at.js";
import { cacheStatuses, requestCountries } from "./request-sampler.js";

export interface DemoLakeData {
  accounts: readonly DemoAccount[];
  zones: readonly DemoZone[];
  requests: HttpRequestsData;
  usage: readonly UsageRow[];
}

/** Creates the demo lake's tables on `connection` and fills them; returns row counts by "schema.table". */
export async function writeDemoLake(connection: DuckDBConnection, data: DemoLakeData): Promise<Record<string, number>> {
  for (const statement of demoLakeDdl) await connection.run(statement);
  const { accounts, zones, requests, usage } = data;

  await appendRows(connection, "accounts", "accounts", accounts.length, (appender, i) => {
    const account = itemAt(accounts, i);
    appender.appendBigInt(BigInt(account.id));
    appender.appendVarchar(account.name);
    appender.appendVarchar(account.email);
    appender.appendVarchar(account.plan);
    appender.appendVarchar(account.country);
    appender.appendTimestamp(timestamp(account.createdMs));
  });

  await appendRows(connection, "accounts", "zones", zones.length, (appender, i) => {
    const zone = itemAt(zones, i);
    appender.appendBigInt(BigInt(zone.id));
    appender.appendBigInt(BigInt(itemAt(accounts, zone.accountIndex).id));
    appender.appendVarchar(zone.domain);
    appender.appendVarchar(zone.plan);
    appender.appendVarchar(zone.status);
    appender.appendTimestamp(timestamp(zone.createdMs));
  });

  const rows = requests.rows;
  const order = rows.timeOrder();
  const zoneIds = zones.map((zone) => BigInt(zone.id));
  await appendRows(connection, "analytics", "http_requests", rows.length, (appender, i) => {
    const row = order[i] ?? 0;
    appender.appendTimestamp(timestamp(rows.tsMs[row] ?? 0));
    appender.appendBigInt(itemAt(zoneIds, rows.zoneIndex[row] ?? 0));
    appender.appendVarchar(itemAt(requestCountries, rows.countryCode[row] ?? 0));
    appender.appendSmallInt(rows.status[row] ?? 0);
    appender.appendVarchar(itemAt(cacheStatuses, rows.cacheCode[row] ?? 0));
    appender.appendBigInt(BigInt(rows.bytes[row] ?? 0));
    appender.appendVarchar(requests.ip(rows.ipCode[row] ?? 0));
    appender.appendInteger(rows.interval[row] ?? 0);
  });

  await appendRows(connection, "billing", "usage_daily", usage.length, (appender, i) => {
    const row = itemAt(usage, i);
    appender.appendDate(new DuckDBDateValue(row.day));
    appender.appendBigInt(BigInt(row.accountId));
    appender.appendVarchar(row.product);
    appender.appendDouble(row.quantity);
    appender.appendDecimal(new DuckDBDecimalValue(BigInt(row.cents), 12, 2));
  });

  return {
    "accounts.accounts": accounts.length,
    "accounts.zones": zones.length,
    "analytics.http_requests": rows.length,
    "billing.usage_daily": usage.length,
  };
}

function timestamp(ms: number): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(ms) * 1000n);
}
