import { log } from "../chat/log.ts";
import type { HandlerResult, WebSocketEvent } from "./events.ts";
import { chat } from "./runtime.ts";

/** `$disconnect`: forgets the connection's binding. API Gateway ignores the result. */
export const handler = async (event: WebSocketEvent): Promise<HandlerResult> => {
  const { connectionId } = event.requestContext;
  try {
    await chat().disconnect(connectionId);
  } catch (error) {
    // The binding's TTL and GoneException clean-up remove it later; nothing to retry here.
    log.error("disconnect failed", { connectionId, error });
  }
  return { statusCode: 200 };
};
