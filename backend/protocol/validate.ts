import type { ClientFrame, ErrorCode } from "./frames.ts";
import { limits } from "./limits.ts";

/** A frame that cannot be served, with the code and words its `error` reply carries. */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Fields = Record<string, unknown>;

const visitorActions = new Set(["hello", "ping", "register", "list", "send"]);

function fail(code: ErrorCode, message: string): never {
  throw new ProtocolError(code, message);
}

function uuid(frame: Fields, key: string): string {
  const value = frame[key];
  if (typeof value !== "string" || !uuidPattern.test(value)) fail("bad_request", `${key} must be a UUID`);
  return value.toLowerCase();
}

function optionalString(frame: Fields, key: string, maxChars: number): string | undefined {
  const value = frame[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") fail("bad_request", `${key} must be a string`);
  const trimmed = value.trim();
  if (trimmed.length > maxChars) fail("too_large", `${key} is longer than ${maxChars} characters`);
  return trimmed;
}

function text(frame: Fields): string {
  const value = frame.text;
  if (typeof value !== "string") fail("bad_request", "text must be a string");
  const trimmed = value.trim();
  if (trimmed === "") fail("bad_request", "text is empty");
  if (trimmed.length > limits.textMaxChars) {
    fail("too_large", `text is longer than ${limits.textMaxChars} characters`);
  }
  return trimmed;
}

/** A cursor is opaque here: a bounded string, which the store checks when it reads it back. */
function cursor(frame: Fields, key: "before" | "cursor"): string | undefined {
  const value = frame[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "" || value.length > limits.cursorMaxChars) {
    fail("bad_request", `${key} must be a cursor from a previous reply`);
  }
  return value;
}

function limit(frame: Fields): number | undefined {
  const value = frame.limit;
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > limits.historyMaxLimit) {
    fail("bad_request", `limit must be an integer from 1 to ${limits.historyMaxLimit}`);
  }
  return value;
}

/**
 * Turns one WebSocket frame into a typed client frame, or throws a ProtocolError.
 * Only known fields are copied out, so `__proto__` keys and extra fields never reach the domain.
 * Whether the frame is a visitor's or the owner's is decided by the presence of `token`.
 */
export function parseFrame(body: string): ClientFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    fail("bad_request", "frame is not JSON");
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("bad_request", "frame must be a JSON object");
  const frame = raw as Fields;
  const rid = frame.rid;
  if (rid !== undefined && (typeof rid !== "string" || rid.length > limits.ridMaxChars)) {
    fail("bad_request", `rid must be a string of at most ${limits.ridMaxChars} characters`);
  }
  const base = rid === undefined ? {} : { rid };
  const action = frame.action;
  if (typeof action !== "string") fail("bad_request", "action is required");

  if (action === "login") {
    const password = frame.password;
    if (typeof password !== "string" || password === "") fail("bad_request", "password is required");
    if (password.length > 1024) fail("too_large", "password is too long");
    return { ...base, action, password };
  }

  if (frame.token !== undefined) {
    if (typeof frame.token !== "string" || frame.token.length > 512) fail("bad_request", "token must be a string");
    const owner = { ...base, token: frame.token };
    switch (action) {
      case "hello":
        return { ...owner, action };
      case "ping":
        return { ...owner, action };
      case "inbox": {
        const after = cursor(frame, "cursor");
        return after === undefined ? { ...owner, action } : { ...owner, action, cursor: after };
      }
      case "read":
      case "delete":
        return { ...owner, action, visitorId: uuid(frame, "visitorId") };
      case "block":
      case "unblock":
        return { ...owner, action, visitorId: uuid(frame, "visitorId") };
      case "list":
        return withOptional({ ...owner, action, visitorId: uuid(frame, "visitorId") }, cursor(frame, "before"), limit(frame));
      case "send":
        return { ...owner, action, visitorId: uuid(frame, "visitorId"), id: uuid(frame, "id"), text: text(frame) };
      default:
        fail("bad_request", `unknown owner action "${action.slice(0, 32)}"`);
    }
  }

  if (!visitorActions.has(action)) fail("bad_request", `unknown action "${action.slice(0, 32)}"`);
  const visitor = { ...base, visitorId: uuid(frame, "visitorId") };
  switch (action) {
    case "hello":
      return { ...visitor, action };
    case "ping":
      return { ...visitor, action };
    case "register": {
      const nickname = optionalString(frame, "nickname", limits.nicknameMaxChars);
      const email = optionalString(frame, "email", limits.emailMaxChars);
      if (email && !emailPattern.test(email)) fail("bad_request", "email does not look like an address");
      return {
        ...visitor,
        action,
        ...(nickname === undefined ? {} : { nickname }),
        ...(email === undefined ? {} : { email }),
      };
    }
    case "list":
      return withOptional({ ...visitor, action }, cursor(frame, "before"), limit(frame));
    case "send":
      return { ...visitor, action, id: uuid(frame, "id"), text: text(frame) };
    default:
      fail("bad_request", `unknown action "${action.slice(0, 32)}"`);
  }
}

function withOptional<T extends object>(frame: T, beforeCursor: string | undefined, pageLimit: number | undefined) {
  return {
    ...frame,
    ...(beforeCursor === undefined ? {} : { before: beforeCursor }),
    ...(pageLimit === undefined ? {} : { limit: pageLimit }),
  };
}

