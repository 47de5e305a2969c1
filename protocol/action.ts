import * as v from "valibot";
import { rid, sessionToken, uuid } from "./fields.ts";

/**
 * Who may send an action: a visitor (frames carry `visitorId`), the signed-in owner (frames carry
 * `token`), or anyone (no credential, e.g. `login`).
 */
export type Caller = "visitor" | "owner" | "anyone";

const credentials = {
  visitor: { visitorId: uuid("visitorId") },
  owner: { token: sessionToken },
  anyone: {},
} as const;
type CredentialEntries<C extends Caller> = (typeof credentials)[C];

/** Any reply schema (see frames.ts). */
type ReplySchema = v.GenericSchema<unknown, { type: string }>;

export interface ActionSpec<A extends string, C extends Caller, E extends v.ObjectEntries, R extends ReplySchema> {
  action: A;
  caller: C;
  /** One sentence for docs/protocol.md: what the action does. */
  summary: string;
  /** The action's own fields (`action`, `rid` and the caller's credential are added). */
  request: E;
  /** What a successful request is answered with (an `error` reply otherwise). */
  reply: R;
}

/**
 * Declares one protocol action: the schema its frames are parsed with (unknown fields are dropped),
 * who may send it, and what it is answered with. The frame's TypeScript type is inferred from the
 * schema. The backend's handler for it is declared in backend/chat/actions/, keyed by the same name.
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineAction<const A extends string, const C extends Caller, const E extends v.ObjectEntries, const R extends ReplySchema>(
  spec: ActionSpec<A, C, E, R>,
) {
  const schema = v.object({
    action: v.literal(spec.action),
    rid,
    ...(credentials[spec.caller] as CredentialEntries<C>),
    ...spec.request,
  });
  return { ...spec, schema };
}

export type ActionDeclaration = ReturnType<typeof defineAction>;
