import { limits } from "#protocol/limits.ts";

/*
 * Item sizes as DynamoDB counts them for capacity (its developer guide, "item sizes"): every
 * attribute's name and value in bytes (strings in UTF-8; a number about one byte per two digits,
 * and one more; a map or a list 3 bytes and one per element). What a read may cost is bounded by
 * them: a consistent read is a read unit per 4 KB, an eventually consistent one half.
 */

/** The bytes of one attribute value. */
function valueBytes(value: unknown): number {
  if (typeof value === "string") return Buffer.byteLength(value, "utf8");
  if (typeof value === "number") return Math.ceil(String(Math.abs(value)).replace(".", "").length / 2) + 1;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, one) => sum + 1 + valueBytes(one), 0);
  if (value !== null && typeof value === "object") return 3 + Object.keys(value).length + itemBytes(value as Record<string, unknown>);
  return 1;
}

/** An item's size, as the document client reads it. */
export function itemBytes(item: Record<string, unknown>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) bytes += Buffer.byteLength(name, "utf8") + valueBytes(value);
  return bytes;
}

/** What DynamoDB reads of an item in one read unit. */
export const readUnitBytes = 4096;

/**
 * The largest a message's timeline entry can be: its text at the longest in four-byte characters,
 * and its keys, ids and time (about 250 bytes, rounded up).
 */
export const messageEntryMaxBytes = limits.textMaxChars * 4 + 512;

/**
 * What a message item holds beyond its timeline entry, at most: the page it was written on (an
 * ASCII URL and a title of up to four bytes a character) and its claim.
 */
export const messageExtraMaxBytes = limits.pageUrlMaxChars + limits.pageTitleMaxChars * 4 + 128;

/**
 * The largest a conversation's head can be: its last message's preview at the longest, the page
 * and the referrer it holds (as a message's extra, twice), and its names, ids, times and counters.
 */
export const headMaxBytes = messageEntryMaxBytes + 2 * messageExtraMaxBytes + 2048;
