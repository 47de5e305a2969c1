import type { ErrorReply } from "#protocol";
import type { HandlerResult, WebSocketEvent } from "./events.ts";
import { chat } from "./runtime.ts";

/**
 * `$default`: every protocol frame. The reply is the route response (the route is two-way), so
 * the sender gets it without a management API call.
 */
export const handler = async (event: WebSocketEvent): Promise<HandlerResult> => {
  const { connectionId, identity } = event.requestContext;
  if (event.isBase64Encoded) {
    const reply: ErrorReply = { type: "error", code: "bad_request", message: "binary frames are not supported: send JSON text" };
    return { statusCode: 200, body: JSON.stringify(reply) };
  }
  const reply = await chat().handleFrame(event.body ?? "", { connectionId, sourceIp: identity?.sourceIp ?? "unknown" });
  return { statusCode: 200, body: JSON.stringify(reply) };
};
