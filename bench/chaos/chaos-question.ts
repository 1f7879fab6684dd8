import { eventEnvelope } from "../../test/fakes/slack/signed-slack-request.js";
import { fakeBotUserId } from "../../test/fakes/slack/start-fake-slack.js";
import type { Delivery } from "./deliver-event.js";

/** One question of a burst: its own asker, channel and thread. */
export interface ChaosQuestion {
  question: string;
  user: string;
  channel: string;
  /** The asking message's ts, which is the answer's thread. */
  ts: string;
  /** The Events API body, the same on every delivery attempt (one event id). */
  body: string;
  delivery?: Delivery;
}

/** `count` app_mention events for scenario `scenario`, cycling through `questions`; ts values never repeat across scenarios. */
export function chaosQuestions(scenario: number, count: number, questions: readonly string[]): ChaosQuestion[] {
  return Array.from({ length: count }, (_, i) => {
    const question = questions[i % questions.length] ?? "";
    const user = `UCHAOS${scenario}X${i}`;
    const channel = `CCHAOS${scenario}X${i}`;
    const ts = `${1764600000 + scenario * 1000}.${String(i + 1).padStart(6, "0")}`;
    const body = eventEnvelope({ type: "app_mention", user, text: `<@${fakeBotUserId}> ${question}`, ts, channel }, `EvChaos${scenario}X${i}`);
    return { question, user, channel, ts, body };
  });
}
