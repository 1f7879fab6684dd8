import type { PoolConfig } from "pg";
import type { Source } from "../../../catalog/model/source-schema.js";
import { SkiffError } from "../../../shared/errors.js";
import { resolveEnvReferences } from "../resolve-env-references.js";

/**
 * Pool settings from a catalog source: either `url` (a postgres:// connection
 * string) or `host`, `port`, `database`, `user`, `password`, each of which may be
 * a `${VAR}` reference. A password always is one (the catalog schema insists).
 */
export function postgresConnection(source: Source, env: Readonly<Record<string, string>>): PoolConfig {
  const value = (key: string) => {
    const raw = source.connection[key];
    return raw === undefined ? undefined : resolveEnvReferences(raw, env, source.name);
  };
  const url = value("url");
  if (url !== undefined && url !== "") return { connectionString: url };
  const host = value("host");
  if (host === undefined || host === "") {
    throw new SkiffError("CONFIG_INVALID", `source ${source.name} has no connection.url or connection.host; set url: \${${source.name.toUpperCase()}_URL} (postgres://user@host:5432/db)`);
  }
  const port = Number(value("port") ?? "5432");
  if (!Number.isInteger(port) || port <= 0) throw new SkiffError("CONFIG_INVALID", `source ${source.name} has connection.port ${value("port") ?? ""}, which is not a port number`);
  const config: PoolConfig = { host, port };
  const database = value("database");
  const user = value("user");
  const password = value("password");
  if (database) config.database = database;
  if (user) config.user = user;
  if (password) config.password = password;
  return config;
}
