import type { ActionName, FrameOf, ReplyOf } from "#protocol";
import type { ActionContext } from "./context.ts";

/**
 * What the backend does for one declared action: gets the parsed frame (an owner's is already
 * authorized) and answers the declared reply, or throws a ProtocolError.
 */
export type ActionHandler<N extends ActionName> = (frame: FrameOf<N>, context: ActionContext) => Promise<ReplyOf<N>>;

/** A handler for every declared action: the compiler refuses a missing one. */
export type ActionHandlers = { [N in ActionName]: ActionHandler<N> };
