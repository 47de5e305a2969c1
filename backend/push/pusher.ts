import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from "@aws-sdk/client-apigatewaymanagementapi";
import type { ServerFrame } from "#protocol";

/** What became of one push. `gone` means the connection no longer exists and can be forgotten. */
export type PushResult = {
  connectionId: string;
  outcome: "delivered" | "gone" | "failed" | "timeout";
  /** Why a failed push failed (the error's name, code or message), for the logs. */
  reason?: string;
  /** How many requests it took; more than one after a connection broke before an answer. */
  attempts: number;
};

/** Sends frames to open WebSocket connections, and closes them. */
export interface Pusher {
  push(connectionIds: readonly string[], frame: ServerFrame): Promise<PushResult[]>;
  /** Closes a connection (its `$disconnect` follows); true once it is closed or already gone. */
  disconnect(connectionId: string): Promise<boolean>;
}

export interface ManagementPusherOptions {
  /** The API's management endpoint, `https://{api}.execute-api.{region}.amazonaws.com/{stage}`. */
  endpoint: string;
  /** A push that has not answered by then is given up: a hung postToConnection must not hold the send. */
  timeoutMs?: number;
  client?: ApiGatewayManagementApiClient;
}

/**
 * Error codes of a connection that broke before any answer came: a keep-alive connection the
 * endpoint had just closed, or one that died while the Lambda was frozen between invocations.
 */
const brokenConnectionCodes = new Set(["ECONNRESET", "EPIPE"]);

/** Attempts per push when the connection breaks before an answer; every other failure is final. */
const attemptsOnBrokenConnection = 3;

/**
 * Pushes through API Gateway's management API, every connection in parallel, each with its own
 * deadline and no SDK retries: a push that got an answer (an error status, a 410) or ran out of
 * time is reported, never repeated, and never fails the send (clients catch up with `list`). A
 * connection that broke before any answer is tried again within the same deadline, on another of
 * the client's connections: the request most likely never arrived, and if it did, the client
 * ignores the second copy by message id.
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

  /** DeleteConnection, within the push deadline; a connection already gone counts as closed. */
  async disconnect(connectionId: string): Promise<boolean> {
    try {
      await this.client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }), {
        abortSignal: AbortSignal.timeout(this.timeoutMs),
      });
      return true;
    } catch (error) {
      return error instanceof GoneException;
    }
  }

  private async pushOne(connectionId: string, data: Uint8Array): Promise<PushResult> {
    const abortSignal = AbortSignal.timeout(this.timeoutMs);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }), { abortSignal });
        return { connectionId, outcome: "delivered", attempts: attempt };
      } catch (error) {
        const failure = classifyPushError(error, attempt, abortSignal.aborted);
        if (failure.outcome !== "retry") return { connectionId, ...failure, attempts: attempt };
      }
    }
  }
}

/** What one failed push attempt means; `retry`: the connection broke before any answer, with attempts left. */
export type PushAttemptFailure =
  { outcome: "gone" } | { outcome: "timeout" } | { outcome: "retry" } | { outcome: "failed"; reason: string };

/** Classifies the error of push attempt number `attempt` (from 1); `timedOut`: the push's deadline has passed. */
export function classifyPushError(error: unknown, attempt: number, timedOut: boolean): PushAttemptFailure {
  if (error instanceof GoneException) return { outcome: "gone" };
  if (timedOut) return { outcome: "timeout" };
  if (attempt < attemptsOnBrokenConnection && brokenConnectionCodes.has(codeOf(error) ?? "")) return { outcome: "retry" };
  return { outcome: "failed", reason: reasonOf(error) };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = codeOf(error);
  return code ? `${error.name} ${code}: ${error.message}` : `${error.name}: ${error.message}`;
}
