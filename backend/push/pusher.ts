import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import type { ServerFrame } from "../protocol/frames.ts";

/** What became of one push. `gone` means the connection no longer exists and can be forgotten. */
export type PushResult = { connectionId: string; outcome: "delivered" | "gone" | "failed" | "timeout" };

/** Sends frames to open WebSocket connections. */
export interface Pusher {
  push(connectionIds: readonly string[], frame: ServerFrame): Promise<PushResult[]>;
}

export interface ManagementPusherOptions {
  /** The API's management endpoint, `https://{api}.execute-api.{region}.amazonaws.com/{stage}`. */
  endpoint: string;
  /** A push that has not answered by then is given up: a hung postToConnection must not hold the send. */
  timeoutMs?: number;
  client?: ApiGatewayManagementApiClient;
}

/**
 * Pushes through API Gateway's management API, every connection in parallel, each with its own
 * deadline and no SDK retries: a failed push is reported, never repeated, and never fails the send
 * (clients catch up with `list` after they reconnect).
 */
export class ManagementApiPusher implements Pusher {
  readonly client: ApiGatewayManagementApiClient;
  private readonly timeoutMs: number;

  constructor(options: ManagementPusherOptions) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.client = options.client ?? new ApiGatewayManagementApiClient({ endpoint: options.endpoint, maxAttempts: 1 });
  }

  async push(connectionIds: readonly string[], frame: ServerFrame): Promise<PushResult[]> {
    const data = new TextEncoder().encode(JSON.stringify(frame));
    return Promise.all(connectionIds.map((connectionId) => this.pushOne(connectionId, data)));
  }

  private async pushOne(connectionId: string, data: Uint8Array): Promise<PushResult> {
    const abortSignal = AbortSignal.timeout(this.timeoutMs);
    try {
      await this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }), { abortSignal });
      return { connectionId, outcome: "delivered" };
    } catch (error) {
      if (error instanceof GoneException) return { connectionId, outcome: "gone" };
      if (abortSignal.aborted) return { connectionId, outcome: "timeout" };
      return { connectionId, outcome: "failed" };
    }
  }
}
