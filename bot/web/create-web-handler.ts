import type { IncomingMessage, ServerResponse } from "node:http";
import type { BotDeps } from "../bot-deps.js";
import { verifyRunLink } from "../links/run-link.js";
import { renderRunPage } from "./render-run-page.js";
import { runCsv } from "./run-csv.js";

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const securityHeaders = {
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "private, no-store",
};

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": type, ...headers });
  res.end(body);
}

/** The request target as a URL; undefined when it does not parse (URL.parse is newer than Node 20.12). */
function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", "http://skiff.local");
  } catch {
    return undefined;
  }
}

/**
 * The bot's web routes: `/q/:id` (run page) and `/q/:id.csv`, both behind a
 * signed, expiring link; `/healthz` (the process is up), `/readyz` (Redis
 * answers), `/metrics` (Prometheus).
 */
export function createWebHandler(deps: BotDeps): WebHandler {
  return async (req, res) => {
    // An unparsable target (`//`, say) is a 404: thrown, it would be an unhandled rejection and end the process.
    const url = parseTarget(req.url);
    if (!url) return send(res, 404, "text/plain", "Not found\n");
    try {
      if (url.pathname === "/healthz") return send(res, 200, "text/plain", "ok\n");
      if (url.pathname === "/readyz") {
        const ready = await Promise.race([
          deps.redis.ping().then(() => true),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000).unref()),
        ]).catch(() => false);
        return send(res, ready ? 200 : 503, "text/plain", ready ? "ready\n" : "Redis is unreachable\n");
      }
      if (url.pathname === "/metrics") return send(res, 200, deps.metrics.registry.contentType, await deps.metrics.registry.metrics());
      const match = /^\/q\/([A-Za-z0-9_-]{1,100})(\.csv)?$/.exec(url.pathname);
      if (!match?.[1]) return send(res, 404, "text/plain", "Not found\n");
      const runId = match[1];
      const verdict = verifyRunLink({
        secret: deps.slack.linkSecret,
        runId,
        exp: url.searchParams.get("exp"),
        sig: url.searchParams.get("sig"),
        now: deps.clock.now().getTime(),
      });
      if (verdict !== "ok") {
        const why = verdict === "expired" ? "This link has expired: open the answer in Slack again for a fresh one." : "This link is not valid: open the run from its answer in Slack.";
        return send(res, 403, "text/plain; charset=utf-8", `${why}\n`, securityHeaders);
      }
      const run = await deps.runStore.get(runId);
      if (!run) return send(res, 404, "text/plain", `No run ${runId}.\n`, securityHeaders);
      if (match[2]) {
        return send(res, 200, "text/csv; charset=utf-8", runCsv(run), { ...securityHeaders, "content-disposition": `attachment; filename="skiff-${runId}.csv"` });
      }
      const csvUrl = `/q/${runId}.csv?${url.searchParams.toString()}`;
      const feedback = await deps.runStore.listFeedback(runId);
      return send(res, 200, "text/html; charset=utf-8", renderRunPage(run, { csvUrl, feedback }), securityHeaders);
    } catch (error) {
      deps.logger.error({ err: error, path: url.pathname }, "web route failed");
      deps.metrics.errors.inc({ kind: "web" });
      if (!res.headersSent) send(res, 500, "text/plain", "Skiff could not load this page; try again shortly.\n");
    }
  };
}
