import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { Notifier, OwnerNotification } from "./notification.ts";

/**
 * Hands notifications to the notify function as asynchronous Lambda invocations: Lambda queues
 * the event and answers at once, so a slow or failing webhook never holds up a send.
 * (The local stack serves the same Invoke API; see docs/local-stack.md.)
 *
 * The Lambda client is loaded on the first notification, not at cold start: most sends happen
 * while the owner is online and never need it (see backend/handlers/bundling.ts).
 */
export class LambdaNotifier implements Notifier {
  private client: Promise<{ client: LambdaClient; module: typeof import("@aws-sdk/client-lambda") }> | undefined;

  constructor(private readonly functionName: string) {}

  async notify(notification: OwnerNotification): Promise<void> {
    this.client ??= import("@aws-sdk/client-lambda").then((module) => ({
      module,
      client: new module.LambdaClient({ maxAttempts: 2 }),
    }));
    const { client, module } = await this.client;
    await client.send(
      new module.InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: "Event",
        Payload: new TextEncoder().encode(JSON.stringify(notification)),
      }),
      { abortSignal: AbortSignal.timeout(1000) },
    );
  }
}
