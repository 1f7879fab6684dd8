/**
 * The demo lake's tables. Three schemas stand in for three systems (the
 * control-plane Postgres, the ClickHouse request logs, the BigQuery billing
 * export); every TIMESTAMP holds UTC. No constraints: the appender is faster
 * without them and the generators guarantee the keys.
 */
export const demoLakeDdl: readonly string[] = [
  "CREATE SCHEMA accounts",
  "CREATE SCHEMA analytics",
  "CREATE SCHEMA billing",
  `CREATE TABLE accounts.accounts (
    account_id BIGINT, name VARCHAR, email VARCHAR, plan VARCHAR, country VARCHAR, created_at TIMESTAMP
  )`,
  `CREATE TABLE accounts.zones (
    zone_id BIGINT, account_id BIGINT, domain VARCHAR, plan VARCHAR, status VARCHAR, created_at TIMESTAMP
  )`,
  `CREATE TABLE analytics.http_requests (
    ts TIMESTAMP, zone_id BIGINT, country VARCHAR, status SMALLINT, cache_status VARCHAR,
    edge_response_bytes BIGINT, client_ip VARCHAR, sample_interval INTEGER
  )`,
  `CREATE TABLE billing.usage_daily (
    usage_date DATE, account_id BIGINT, product VARCHAR, quantity DOUBLE, cost_usd DECIMAL(12,2)
  )`,
];
