import { SocketModeReceiver, type App, type ReceiverEvent } from "@slack/bolt";

/**
 * Socket Mode with the order HTTPReceiver keeps under `processBeforeResponse`:
 * an Events API envelope is acknowledged once its listeners have settled.
 * Bolt acks an event before it runs the listeners (App.processEvent), and
 * SocketModeReceiver sends that ack over the socket at once (it has no
 * processBeforeResponse), so an event could be acked and then lost with the
 * process before Skiff recorded it. Here that ack is held and sent after
 * processEvent resolves; the listeners await only admission, so it still goes
 * out within Slack's 3 s. Commands and actions pass through unchanged: their
 * listeners call ack() themselves, right after admission.
 */
export class AckAfterListenersReceiver extends SocketModeReceiver {
  override init(app: App): void {
    // SocketModeReceiver calls only app.processEvent; everything else reads through to the app.
    const held = Object.create(app, { processEvent: { value: (event: ReceiverEvent) => processThenAck(app, event) } }) as App;
    super.init(held);
  }
}

async function processThenAck(app: App, event: ReceiverEvent): Promise<void> {
  if (event.body.type !== "event_callback") return app.processEvent(event);
  let response: { body: unknown } | undefined;
  await app.processEvent({
    ...event,
    ack: (body?: unknown) => {
      response ??= { body };
      return Promise.resolve();
    },
  });
  // A throw above skips the ack, as HTTPReceiver answers 500: Slack delivers the event again and dedupe sorts it out.
  if (response) await event.ack(response.body);
}
