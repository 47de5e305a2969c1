import { actions, type ClientFrame, type ErrorReply, type ReplyTo, type RequestOf, type ServerFrame } from "#protocol";
import { declaredAction } from "./contract.ts";

/** A frame the backend sends, as a client receives it. */
export type Frame = ServerFrame & { rid?: string };

type Action = ClientFrame["action"];

/**
 * A declared frame with action `A`, `rid` optional: the owner's when it carries a `token` (of type
 * `T`), a visitor's (or anyone's, e.g. `login`) when not, as the backend tells them (protocol/parse.ts).
 */
export type RequestFrame<A extends Action = Action, T extends string | undefined = string | undefined> =
  (RequestOf<"owner"> & { action: A; token: T }) | (RequestOf<"visitor"> & { action: A; token?: T });

/** The reply to a frame of action `A`: the owner's when its `token` is a string. */
export type ReplyFor<A extends Action, T extends string | undefined> = T extends string ? ReplyTo<"owner", A> : ReplyTo<"visitor", A>;

/**
 * The protocol's requests, typed by its declarations (protocol/actions/) as `PorchConnection.request`
 * is: a frame is checked against its action's request, and answered with that action's reply or an
 * `error`. A frame the protocol does not declare is hostile: `TestClient.requestRaw` sends it.
 */
export abstract class ProtocolClient {
  /** Sends a frame with a fresh `rid` (unless it has one) and resolves with its answer: the action's reply, or an `error`. */
  request<A extends Action, T extends string | undefined = undefined>(
    frame: RequestFrame<A, T>,
    timeoutMs?: number,
  ): Promise<ReplyFor<A, T> | ErrorReply> {
    return this.exchange(frame, timeoutMs) as Promise<ReplyFor<A, T> | ErrorReply>;
  }

  /** Sends a frame that must succeed: resolves with the action's reply, and rejects with any other answer. */
  async expectReply<A extends Action, T extends string | undefined = undefined>(
    frame: RequestFrame<A, T>,
    timeoutMs?: number,
  ): Promise<ReplyFor<A, T>> {
    const reply = await this.exchange(frame, timeoutMs);
    const expected = actions[declaredAction(frame)!].reply.entries.type.literal;
    if (reply.type !== expected) throw new Error(`${frame.action}: expected ${expected}, got ${JSON.stringify(reply)}`);
    return reply as ReplyFor<A, T>;
  }

  /** Sends `frame` with a fresh `rid` unless it has one, and resolves with the frame that echoes it. */
  protected abstract exchange(frame: Record<string, unknown>, timeoutMs?: number): Promise<Frame>;
}
