import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { Notifier, OfflineNotification } from "./notification.ts";

/**
 * Hands notifications to the notify function as asynchronous Lambda invocations: Lambda queues
 * the event and answers at once, so a slow or failing webhook never holds up a send.
 * (The local stack serves the same Invoke API; see docs/local-stack.md.)
 */
export class LambdaNotifier implements Notifier {
  private readonly client: LambdaClient;

  constructor(
    private readonly functionName: string,
    client?: LambdaClient,
  ) {
    this.client = client ?? new LambdaClient({ maxAttempts: 2 });
  }

  async notify(notification: OfflineNotification): Promise<void> {
    await this.client.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: "Event",
        Payload: new TextEncoder().encode(JSON.stringify(notification)),
      }),
      { abortSignal: AbortSignal.timeout(1000) },
    );
  }
}
