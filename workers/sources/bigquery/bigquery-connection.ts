import type { BigQueryOptions } from "@google-cloud/bigquery";
import type { Source } from "../../../catalog/model/source-schema.js";
import { SkiffError } from "../../../shared/errors.js";
import { resolveEnvReferences } from "../resolve-env-references.js";

/**
 * An auth client that adds no credentials, for `auth: none` with a custom
 * endpoint (an emulator or a fake): the BigQuery client then never asks Google
 * for a token, so nothing leaves the machine.
 */
const noCredentials = {
  getRequestHeaders: () => Promise.resolve(new Headers()),
  getAccessToken: () => Promise.resolve({ token: null }),
  getProjectId: () => Promise.resolve(undefined),
  getUniverseDomain: () => Promise.resolve("googleapis.com"),
};

/**
 * Client options from a catalog source: `project` (required), `location`, and
 * optionally `apiEndpoint` for an emulator; credentials come from Google's
 * usual environment (GOOGLE_APPLICATION_CREDENTIALS or workload identity),
 * never from the catalog. `auth: none` is allowed only with `apiEndpoint`.
 */
export function bigQueryConnection(source: Source, env: Readonly<Record<string, string>>): BigQueryOptions & { location?: string } {
  const value = (key: string) => {
    const raw = source.connection[key];
    const resolved = raw === undefined ? undefined : resolveEnvReferences(raw, env, source.name);
    return resolved === "" ? undefined : resolved;
  };
  const projectId = value("project");
  if (projectId === undefined) throw new SkiffError("CONFIG_INVALID", `source ${source.name} has no connection.project; set project: \${${source.name.toUpperCase()}_PROJECT} (the Google Cloud project that runs the jobs)`);
  const options: BigQueryOptions & { location?: string } = { projectId, autoRetry: false, maxRetries: 0 };
  const location = value("location");
  if (location) options.location = location;
  const apiEndpoint = value("apiEndpoint");
  if (apiEndpoint) options.apiEndpoint = apiEndpoint;
  if (value("auth") === "none") {
    if (!apiEndpoint) throw new SkiffError("CONFIG_INVALID", `source ${source.name} sets auth: none without apiEndpoint; BigQuery itself needs credentials (GOOGLE_APPLICATION_CREDENTIALS)`);
    options.authClient = noCredentials as unknown as BigQueryOptions["authClient"];
  }
  return options;
}
