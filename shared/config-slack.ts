import { z } from "zod";
import { parseEnvironment } from "./config-parse-environment.js";

/** The environment only the bot reads: Slack tokens, its web address, the link secret. */
export const slackEnvSchema = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", "a bot token starts with xoxb- (OAuth & Permissions in the Slack app settings)"),
  SLACK_SIGNING_SECRET: z.string().min(1, "copy it from Basic Information → App Credentials"),
  /** Socket Mode when set (no public URL needed). */
  SLACK_APP_TOKEN: z.string().startsWith("xapp-", "an app-level token starts with xapp-").optional(),
  /** Web API base, for enterprise proxies and tests. */
  SLACK_API_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Where people reach the bot's run pages, e.g. https://skiff.example.com. */
  SKIFF_PUBLIC_URL: z.string().url().optional(),
  SKIFF_LINK_SECRET: z.string().min(32, "use at least 32 random characters, e.g. `openssl rand -hex 32`"),
  /** How long a run-page link stays valid. */
  SKIFF_LINK_TTL_DAYS: z.coerce.number().positive().default(30),
  /** Questions one person may ask per minute. */
  SKIFF_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** Answers the bot renders into Slack at once. */
  SKIFF_ANSWER_CONCURRENCY: z.coerce.number().int().positive().default(16),
  /** Past this expected wait for an answer, the placeholder says Skiff is busy and how long it will take. */
  SKIFF_MAX_WAIT_MS: z.coerce.number().int().positive().default(20_000),
  /** Questions every agent worker together answers at once, for that estimate; SKIFF_AGENT_CONCURRENCY (one agent worker) when unset. */
  SKIFF_AGENT_SLOTS: z.coerce.number().int().positive().optional(),
  /** How often the bot looks for accepted questions that never reached the queue or never got a placeholder. */
  SKIFF_RECONCILE_MS: z.coerce.number().int().positive().default(30_000),
});

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken: string | undefined;
  apiUrl: string | undefined;
  port: number;
  publicUrl: string;
  linkSecret: string;
  linkTtlMs: number;
  rateLimitPerMinute: number;
  answerConcurrency: number;
  maxWaitMs: number;
  /** Undefined: the queue config's agent concurrency. */
  agentSlots: number | undefined;
  reconcileIntervalMs: number;
}

/** Parses the bot's environment at start-up; a missing or bad variable fails with its name. */
export function loadSlackConfig(env: NodeJS.ProcessEnv): SlackConfig {
  const e = parseEnvironment(slackEnvSchema, env, { what: "Skiff's Slack environment", seeAlso: "the README's Slack section" });
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL,
    port: e.PORT,
    publicUrl: (e.SKIFF_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    linkSecret: e.SKIFF_LINK_SECRET,
    linkTtlMs: e.SKIFF_LINK_TTL_DAYS * 86_400_000,
    rateLimitPerMinute: e.SKIFF_RATE_LIMIT_PER_MINUTE,
    answerConcurrency: e.SKIFF_ANSWER_CONCURRENCY,
    maxWaitMs: e.SKIFF_MAX_WAIT_MS,
    agentSlots: e.SKIFF_AGENT_SLOTS,
    reconcileIntervalMs: e.SKIFF_RECONCILE_MS,
  };
}
