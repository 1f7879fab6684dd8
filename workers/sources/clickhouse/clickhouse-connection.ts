import type { ClickHouseClientConfigOptions } from "@clickhouse/client";
import type { Source } from "../../../catalog/model/source-schema.js";
import { SkiffError } from "../../../shared/errors.js";
import { resolveEnvReferences } from "../resolve-env-references.js";

/**
 * Client settings from a catalog source: `url` (http://host:8123) or `host` and
 * `port`, plus `database`, `user` and `password` (an environment reference), each
 * of which may hold `${VAR}` references.
 */
export function clickHouseConnection(source: Source, env: Readonly<Record<string, string>>): ClickHouseClientConfigOptions {
  const value = (key: string) => {
    const raw = source.connection[key];
    return raw === undefined ? undefined : resolveEnvReferences(raw, env, source.name);
  };
  let url = value("url");
  if (url === undefined || url === "") {
    const host = value("host");
    if (host === undefined || host === "") {
      throw new SkiffError("CONFIG_INVALID", `source ${source.name} has no connection.url or connection.host; set url: \${${source.name.toUpperCase()}_URL} (http://host:8123)`);
    }
    url = `http://${host}:${value("port") ?? "8123"}`;
  }
  const config: ClickHouseClientConfigOptions = { url };
  const database = value("database");
  const user = value("user");
  const password = value("password");
  if (database) config.database = database;
  if (user) config.username = user;
  if (password) config.password = password;
  return config;
}
