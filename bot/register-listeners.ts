import type { App } from "@slack/bolt";
import type { BotDeps } from "./bot-deps.js";
import { handleAppMention } from "./listeners/handle-app-mention.js";
import { handleAskCommand } from "./listeners/handle-ask-command.js";
import { handleFeedbackDown, handleFeedbackUp, handleFeedbackView } from "./listeners/handle-feedback.js";
import { handleMessage } from "./listeners/handle-message.js";
import { handleRerun } from "./listeners/handle-rerun.js";
import { handleShowSql } from "./listeners/handle-show-sql.js";
import { actionIds } from "./render/action-ids.js";

/** Wires the plain listener functions to Bolt. Listeners ack, validate, enqueue and reply; they never plan. */
export function registerListeners(app: App, deps: BotDeps): void {
  app.event("app_mention", ({ event, body, client, context }) => handleAppMention(deps, { event, body, client, ...(context.botUserId ? { botUserId: context.botUserId } : {}) }));
  app.event("message", ({ event, body, client, context }) => handleMessage(deps, { event, body, client, ...(context.botUserId ? { botUserId: context.botUserId } : {}) }));
  app.command("/ask", ({ command, ack, respond, client }) => handleAskCommand(deps, { command, ack: () => ack(), respond, client }));
  app.action(actionIds.showSql, ({ body, ack, client }) => handleShowSql(deps, { body, ack: () => ack(), client }));
  app.action(actionIds.feedbackUp, ({ body, ack, client }) => handleFeedbackUp(deps, { body, ack: () => ack(), client }));
  app.action(actionIds.feedbackDown, ({ body, ack, client }) => handleFeedbackDown(deps, { body, ack: () => ack(), client }));
  app.view(actionIds.feedbackView, ({ body, ack }) => handleFeedbackView(deps, { body, ack: () => ack() }));
  app.action(actionIds.rerun, ({ body, ack, client }) => handleRerun(deps, { body, ack: () => ack(), client }));
  // A link button still sends an action; acking it keeps Slack from showing an error.
  app.action(actionIds.viewQueries, ({ ack }) => ack());
  app.error(async (error) => {
    deps.metrics.errors.inc({ kind: "listener" });
    deps.logger.error({ err: error }, "a Slack listener failed");
    await Promise.resolve();
  });
}
