import type { HandlerResult } from "./events.ts";

/**
 * `$connect`: every connection is accepted. Visitors are anonymous and owners prove themselves
 * per frame with a session token, so nothing is known or stored until `hello`.
 */
export const handler = async (): Promise<HandlerResult> => ({ statusCode: 200 });
