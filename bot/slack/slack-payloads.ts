import { z } from "zod";

/** The parts of Slack payloads the bot reads; everything else Slack sends is ignored. */
export const envelopeSchema = z.object({ event_id: z.string().min(1) });

export const mentionEventSchema = z.object({
  type: z.literal("app_mention"),
  user: z.string().min(1),
  text: z.string(),
  ts: z.string().min(1),
  channel: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
});

export const messageEventSchema = z.object({
  type: z.literal("message"),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string().min(1),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  thread_ts: z.string().optional(),
});

export const slashCommandSchema = z.object({
  text: z.string().default(""),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
});

export const blockActionSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  trigger_id: z.string().min(1),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string().optional() })).min(1),
});

export const feedbackViewSchema = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))) }),
  }),
});

/** The bot's own mention (`<@U123>` or `<@U123|skiff>`) stripped from a question. */
export function stripMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g") : /<@[A-Z0-9]+(\|[^>]*)?>/g;
  return text.replace(mention, " ").replace(/\s+/g, " ").trim();
}
