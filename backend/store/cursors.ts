import { InvalidCursorError } from "../chat/ports.ts";
import type { HeadItem } from "./items.ts";
import { keys } from "./keys.ts";
import type { Item } from "./table-client.ts";

/*
 * Cursors are opaque to the chat and to clients: base64url JSON of the position they stand for,
 * checked field by field when they come back, so nothing but a well-formed key reaches DynamoDB.
 * docs/protocol.md tells clients to pass them back unchanged.
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const maxSentAt = 9_999_999_999_999;

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decode(cursor: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new InvalidCursorError(`bad ${what} cursor`);
}

/** History continues before a message: its position in the conversation's timeline. */
export function historyCursor(message: { sentAt: number; id: string }): string {
  return encode({ sentAt: message.sentAt, id: message.id });
}

/** What widgets built before cursors were opaque send: `"<sentAt>:<id>"` of a message they hold. */
const legacyHistoryCursor = /^(\d{1,13}):([0-9a-f-]{36})$/;

export function parseHistoryCursor(cursor: string): { sentAt: number; id: string } {
  const legacy = legacyHistoryCursor.exec(cursor.toLowerCase());
  const { sentAt, id } = legacy ? { sentAt: Number(legacy[1]), id: legacy[2] } : decode(cursor, "history");
  if (typeof sentAt !== "number" || !Number.isInteger(sentAt) || sentAt < 0 || sentAt > maxSentAt) {
    throw new InvalidCursorError("bad history cursor");
  }
  if (typeof id !== "string" || !uuidPattern.test(id)) throw new InvalidCursorError("bad history cursor");
  return { sentAt, id };
}

/** The inbox continues after a conversation: its head's key in the inbox index. */
export function inboxCursor(head: Pick<HeadItem, "visitorId" | "inboxSk">): string {
  return encode({ visitorId: head.visitorId, inboxSk: head.inboxSk });
}

/** The inbox index's ExclusiveStartKey for a cursor, in the partition `inboxPk` (a view's). */
export function parseInboxCursor(cursor: string, inboxPk: string): Item {
  const { visitorId, inboxSk } = decode(cursor, "inbox");
  if (typeof visitorId !== "string" || !uuidPattern.test(visitorId)) throw new InvalidCursorError("bad inbox cursor");
  if (typeof inboxSk !== "string" || !/^\d{13}#/.test(inboxSk) || inboxSk.slice(14) !== visitorId) {
    throw new InvalidCursorError("bad inbox cursor");
  }
  return { pk: keys.conversationPk(visitorId), sk: keys.headSk, inboxPk, inboxSk };
}

/**
 * Where an export stands: in the inbox partition of `status`, after conversation `visitorId`
 * (whose inbox key is `inboxSk`) or, with `phase`, inside it: in its messages (`m`) or its notes
 * (`n`), below the timeline entry `lsk` (from the top without it). `clearedAt`: the delete mark
 * the messages ended at; `since`: the export's (docs/data-model.md, "Exports").
 */
export interface ExportPosition {
  status: "open" | "done";
  since?: number;
  conversation?: { visitorId: string; inboxSk: string; phase?: "m" | "n"; lsk?: string; clearedAt?: number };
}

export function exportCursor(position: ExportPosition): string {
  const { status, since, conversation } = position;
  return encode({ s: status, n: since, v: conversation?.visitorId, k: conversation?.inboxSk, ...exportPhase(conversation) });
}

const exportPhase = (conversation: ExportPosition["conversation"]) =>
  conversation?.phase ? { p: conversation.phase, l: conversation.lsk, c: conversation.clearedAt } : {};

const timeField = (value: unknown) =>
  value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= maxSentAt);
const timelineLsk = /^[LM]#\d{13}#[0-9a-f-]{36}$/;

export function parseExportCursor(cursor: string): ExportPosition {
  const { s: status, n: since, v: visitorId, k: inboxSk, p: phase, l: lsk, c: clearedAt } = decode(cursor, "export");
  const bad = () => new InvalidCursorError("bad export cursor");
  if ((status !== "open" && status !== "done") || !timeField(since) || !timeField(clearedAt)) throw bad();
  const position: ExportPosition = { status, ...(since === undefined ? {} : { since: since as number }) };
  if (visitorId === undefined && inboxSk === undefined && phase === undefined) return position;
  if (typeof visitorId !== "string" || !uuidPattern.test(visitorId)) throw bad();
  if (typeof inboxSk !== "string" || !/^\d{13}#/.test(inboxSk) || inboxSk.slice(14) !== visitorId) throw bad();
  if (phase !== undefined && phase !== "m" && phase !== "n") throw bad();
  if (
    lsk !== undefined &&
    (phase === undefined || typeof lsk !== "string" || !timelineLsk.test(lsk) || lsk[0] !== (phase === "m" ? "M" : "L"))
  ) {
    throw bad();
  }
  const inside =
    phase === undefined ? {} : { phase, ...(lsk === undefined ? {} : { lsk }), ...(clearedAt === undefined ? {} : { clearedAt }) };
  return { ...position, conversation: { visitorId, inboxSk, ...inside } };
}
