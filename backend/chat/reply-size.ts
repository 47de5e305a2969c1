import { type ConversationSummary, limits } from "#protocol";
import type { ConversationRefs } from "../auth/conversation-ref.ts";
import { type HeadSummary, withRef } from "./head.ts";
import type { Page } from "./ports.ts";

/**
 * API Gateway delivers at most 128 KB per message, route responses included (docs/protocol.md,
 * "Replies fit in a message"). A reply that lists things (history, the inbox) is cut to fit.
 */
export const messageMaxBytes = 128 * 1024;

/** Kept free in every reply: the `rid` it will echo (at worst six bytes a character), and a margin. */
const reserveBytes = `,"rid":""`.length + limits.ridMaxChars * 6 + 1024;

/** Stands for a cursor in a reply's size before the cursor is known: the longest one allowed. */
export const longestCursor = "c".repeat(limits.cursorMaxChars);

/** UTF-8 bytes of a value as JSON: what goes over the wire. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), "utf8");
}

/** The bytes left for a reply's list when everything else in it (with the list empty) takes `restBytes`. */
export function roomFor(restBytes: number): number {
  return messageMaxBytes - reserveBytes - restBytes;
}

/**
 * How many of `items` fit in a reply, counted from its start or from its end, when everything else
 * in the reply (with the list empty) takes `restBytes`. At least one, so paging always moves on:
 * one item of the protocol's largest is far below the limit.
 */
export function countThatFit(items: readonly unknown[], restBytes: number, from: "start" | "end"): number {
  let bytes = restBytes + reserveBytes;
  let count = 0;
  for (let index = 0; index < items.length; index++) {
    const item = items[from === "start" ? index : items.length - 1 - index];
    bytes += jsonBytes(item) + (count > 0 ? 1 : 0); // and the comma before it
    if (bytes > messageMaxBytes && count > 0) break;
    count++;
  }
  return count;
}

/**
 * A reply carrying an inbox page: the first rows that fit in one message (all of them, unless
 * names, emails and previews are at their longest in the worst characters), and the cursor after
 * the last row sent if more follow.
 */
export function fittedInbox<T extends object>(
  reply: T,
  page: Page<HeadSummary>,
  refs: ConversationRefs,
): T & { conversations: ConversationSummary[]; cursor: string | null } {
  const rest = jsonBytes({ ...reply, conversations: [], cursor: longestCursor });
  const rows = page.entries.map((entry) => withRef(entry.item, refs));
  const count = countThatFit(rows, rest, "start");
  const cut = count < page.entries.length;
  const more = page.more || cut;
  // A filtered view may have read past its last row: it goes on from where the read stopped.
  const next = cut ? page.entries[count - 1]?.cursor : (page.next ?? page.entries[count - 1]?.cursor);
  return { ...reply, conversations: rows.slice(0, count), cursor: more && next ? next : null };
}

/**
 * The newest entries of a page held oldest first (history, notes) that fit in one reply whose
 * other fields take `restBytes`, and the cursor before the oldest one sent if older ones exist.
 */
export function fittedNewest<T>(page: Page<T>, restBytes: number): { items: T[]; more: boolean; cursor: string | null } {
  const kept = countThatFit(
    page.entries.map((entry) => entry.item),
    restBytes,
    "end",
  );
  const entries = page.entries.slice(page.entries.length - kept);
  const more = page.more || kept < page.entries.length;
  return { items: entries.map((entry) => entry.item), more, cursor: more && entries[0] ? entries[0].cursor : null };
}
