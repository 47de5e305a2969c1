import { defaultAbuseLimits } from "../chat/abuse-limits.ts";
import { FrameGate } from "../chat/frame-gate.ts";
import type { HandlerResult, WebSocketEvent } from "./events.ts";

/**
 * New connections per source address, in this container's memory: a bucket the size of the
 * address's frame bucket (backend/chat/abuse-limits.ts), so one address cannot spend the stage's
 * throttle on connections either. It is this function's own: the message function's frame check
 * cannot see it, so there a connection's first frame pays its address a token more
 * (backend/chat/frame-gate.ts). In memory only: `$connect` runs nothing else, and its cost is one
 * invocation.
 */
const gate = new FrameGate(defaultAbuseLimits, null);

/**
 * `$connect`: every connection is accepted, unless its address opens them too fast (429, which
 * refuses the upgrade). Visitors are anonymous and owners prove themselves per frame with a
 * session token, so nothing is known or stored until `hello`.
 */
export const handler = (event: WebSocketEvent): Promise<HandlerResult> => {
  const sourceIp = event.requestContext.identity?.sourceIp ?? "unknown";
  return Promise.resolve({ statusCode: gate.admitConnection(sourceIp, Date.now()) ? 200 : 429 });
};
