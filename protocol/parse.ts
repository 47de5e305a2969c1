import * as v from "valibot";
import type { Caller } from "./action.ts";
import { actions, type ActionName, type ClientFrame } from "./actions/index.ts";
import { ProtocolError } from "./errors.ts";
import { rid } from "./fields.ts";

/** Each caller's actions by their `action` string (built on first use: the widget never parses). */
let byCaller: Record<Caller, Map<string, ActionName>> | undefined;

function actionsByCaller(): Record<Caller, Map<string, ActionName>> {
  if (byCaller) return byCaller;
  byCaller = { visitor: new Map(), owner: new Map(), anyone: new Map() };
  for (const name of Object.keys(actions) as ActionName[]) byCaller[actions[name].caller].set(actions[name].action, name);
  return byCaller;
}

/** A parsed frame with the name of the action it was declared as. */
export type ParsedFrame = {
  [N in ActionName]: { name: N; frame: (typeof actions)[N] extends { schema: infer S extends v.GenericSchema } ? v.InferOutput<S> : never };
}[ActionName];

/**
 * Turns one WebSocket frame into a typed client frame, or throws a ProtocolError.
 * Only declared fields are copied out, so `__proto__` keys and extra fields never reach the domain.
 * Whether the frame is a visitor's or the owner's is decided by the presence of `token`.
 */
export function parseFrame(body: string): ParsedFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new ProtocolError("bad_request", "frame is not JSON");
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ProtocolError("bad_request", "frame must be a JSON object");
  }
  const fields = raw as Record<string, unknown>;
  // The rid first, so that even a frame for an unknown action is answered with its rid checked.
  check(rid, fields.rid);
  const action = fields.action;
  if (typeof action !== "string") throw new ProtocolError("bad_request", "action is required");
  const owner = fields.token !== undefined;
  const callers = actionsByCaller();
  const name = callers.anyone.get(action) ?? callers[owner ? "owner" : "visitor"].get(action);
  if (!name) throw new ProtocolError("bad_request", `unknown ${owner ? "owner " : ""}action "${action.slice(0, 32)}"`);
  return { name, frame: check(actions[name].schema, fields) } as ParsedFrame;
}

/** The failures that mean "too long" rather than "malformed". */
const tooLarge = new Set(["max_length", "max_code_points"]);

function check<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  // A missing field, at any depth, is named by its path: "text is required", "page.url is required".
  const path = issue.path ?? [];
  if (path.at(-1)?.origin === "key")
    throw new ProtocolError("bad_request", `${path.map((item) => String(item.key)).join(".")} is required`);
  throw new ProtocolError(tooLarge.has(issue.type) ? "too_large" : "bad_request", issue.message);
}

export type { ClientFrame };
