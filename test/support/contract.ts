import * as v from "valibot";
import { type ActionName, actions, errorReply, serverPushes } from "#protocol";

/** What API Gateway itself sends (not the backend): "Internal server error", "Forbidden", a timeout. */
const gatewayFrame = v.strictObject({ message: v.string(), connectionId: v.string(), requestId: v.string() });

const anyPush = v.union([...serverPushes]);

/** The declared action a request frame would be served as, if any (the backend's own rule, protocol/parse.ts). */
export function declaredAction(request: Record<string, unknown>): ActionName | undefined {
  const names = Object.keys(actions) as ActionName[];
  const caller = request.token !== undefined ? "owner" : "visitor";
  return (
    names.find((name) => actions[name].action === request.action && actions[name].caller === "anyone") ??
    names.find((name) => actions[name].action === request.action && actions[name].caller === caller)
  );
}

const anyReply = v.union(Object.values(actions).map((declaration) => declaration.reply));

/**
 * Checks a frame the backend sent against the protocol's schemas. `request` is the frame whose rid
 * it echoes, `"unknown"` for a rid this client never sent, `"none"` without a rid. A reply must be
 * the request's declared reply or an error; a frame without a rid a push, an error or a gateway
 * frame. Returns what is wrong, or null. Schemas are strict, so an undeclared field is a violation.
 */
export function contractViolation(frame: unknown, request: Record<string, unknown> | "unknown" | "none"): string | null {
  const candidates: v.GenericSchema[] = [errorReply, gatewayFrame];
  const name = typeof request === "object" ? declaredAction(request) : undefined;
  if (name) candidates.push(actions[name].reply);
  if (request === "unknown") candidates.push(anyReply);
  if (request === "none") candidates.push(anyPush);
  if (candidates.some((schema) => v.is(schema, frame))) return null;
  const expected = name ? `a "${actions[name].reply.entries.type.literal}" reply` : request === "none" ? "a push" : "a reply";
  return `expected ${expected}, got ${JSON.stringify(frame).slice(0, 300)}`;
}
