/**
 * What real DynamoDB would charge for a request, computed from the table definition and the item
 * before and after it, because dynalite only reports the table's own capacity and never index writes.
 *
 * Rules (DynamoDB developer guide, "read/write capacity" and "provisioned throughput considerations"
 * for local and global secondary indexes):
 * - a write costs ceil(max(size before, size after) / 1 KB) units on the table, at least 1; a write
 *   whose condition fails still costs the size of the item it looked at;
 * - for every index, putting an item into it costs 1 write per KB of its index entry, removing it the
 *   same, changing its index key costs both (delete + put), and changing only projected attributes
 *   costs 1 write (nothing for a keys-only index); local index writes are billed to the table,
 *   global index writes to the index; both are write request units on an on-demand table;
 * - reads cost ceil(size / 4 KB) units, half for eventually consistent reads; a query rounds the
 *   sum of the items it read, a batch get each item; a read that finds nothing costs 1 (or 0.5).
 * Item size: attribute name bytes + value bytes (strings UTF-8, numbers ~1 byte per 2 digits + 1,
 * booleans 1, lists and maps 3 + 1 per element); index entries add no overhead here.
 */
import { tableDefinition } from "#backend/store/table.ts";

type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

export interface RealCapacity {
  readUnits: number;
  /** Table writes, including local index writes. */
  tableWriteUnits: number;
  /** Global index writes. */
  indexWriteUnits: number;
}

const readOperations = new Set(["GetItem", "BatchGetItem", "Query", "Scan"]);
export const isRead = (operation: string) => readOperations.has(operation);

function valueSize(value: AttributeValue): number {
  const [type, raw] = Object.entries(value)[0] ?? ["NULL", true];
  switch (type) {
    case "S":
      return Buffer.byteLength(raw as string);
    case "N": {
      const digits = String(raw).replace(/^-/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
      return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
    }
    case "B":
      return Buffer.from(raw as string, "base64").length;
    case "SS":
    case "NS":
    case "BS":
      return (raw as string[]).reduce((sum, one) => sum + valueSize({ [type.slice(0, 1)]: one }), 0);
    case "L":
      return 3 + (raw as AttributeValue[]).reduce((sum, one) => sum + 1 + valueSize(one), 0);
    case "M":
      return 3 + Object.keys(raw as Item).length + itemSize(raw as Item);
    default:
      return 1;
  }
}

export function itemSize(item: Item): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value), 0);
}

const units = (bytes: number, unitBytes: number) => Math.max(1, Math.ceil(bytes / unitBytes));

interface IndexShape {
  keys: readonly string[];
  projection: "all" | "keys-only" | readonly string[];
  global: boolean;
}

const tableKeys = [tableDefinition.primaryIndex.hashKey, tableDefinition.primaryIndex.rangeKey] as const;
const indexes: IndexShape[] = [
  ...Object.values(tableDefinition.localIndexes).map((index) => ({
    keys: [tableDefinition.primaryIndex.hashKey, index.rangeKey],
    projection: index.projection,
    global: false,
  })),
  ...Object.values(tableDefinition.globalIndexes).map((index) => ({
    keys: [index.hashKey, index.rangeKey],
    projection: index.projection,
    global: true,
  })),
];

/** What an index keeps of an item: all of it, its keys, or its keys and the listed attributes. */
function entryOf(index: IndexShape, item: Item): Item {
  if (index.projection === "all") return item;
  const listed = index.projection === "keys-only" ? [] : index.projection;
  return Object.fromEntries(
    Object.entries(item).filter(([name]) => tableKeys.includes(name as never) || index.keys.includes(name) || listed.includes(name)),
  );
}

const entrySize = (index: IndexShape, item: Item) => itemSize(entryOf(index, item));

const keyOf = (index: IndexShape, item: Item | null) =>
  item && index.keys.every((name) => item[name] !== undefined) ? JSON.stringify(index.keys.map((name) => item[name])) : null;

/** Index write units for a change from `before` to `after` (either may be absent). */
function indexWrites(index: IndexShape, before: Item | null, after: Item | null): number {
  const oldKey = keyOf(index, before);
  const newKey = keyOf(index, after);
  if (oldKey === null && newKey === null) return 0;
  if (oldKey === null) return units(entrySize(index, after!), 1024);
  if (newKey === null) return units(entrySize(index, before!), 1024);
  if (oldKey !== newKey) return units(entrySize(index, before!), 1024) + units(entrySize(index, after!), 1024);
  if (JSON.stringify(entryOf(index, before!)) === JSON.stringify(entryOf(index, after!))) return 0;
  return units(entrySize(index, after!), 1024);
}

/** A single-item write: `before`/`after` are the item around it (the same when its condition failed). */
export function writeCapacity(before: Item | null, after: Item | null): RealCapacity {
  const table = units(Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0), 1024);
  let local = 0;
  let global = 0;
  for (const index of indexes) {
    const writes = indexWrites(index, before, after);
    if (index.global) global += writes;
    else local += writes;
  }
  return { readUnits: 0, tableWriteUnits: table + local, indexWriteUnits: global };
}

/** A read from its request and response. */
export function readCapacity(operation: string, input: Record<string, unknown>, output: Record<string, unknown>): RealCapacity {
  const factor = input.ConsistentRead === true ? 1 : 0.5;
  let readUnits = 0;
  if (operation === "GetItem") {
    readUnits = units(output.Item ? itemSize(output.Item as Item) : 0, 4096) * factor;
  } else if (operation === "Query" || operation === "Scan") {
    const items = (output.Items as Item[] | undefined) ?? [];
    readUnits =
      units(
        items.reduce((sum, item) => sum + itemSize(item), 0),
        4096,
      ) * factor;
  } else if (operation === "BatchGetItem") {
    const requested = Object.values((input.RequestItems as Record<string, { Keys: Item[]; ConsistentRead?: boolean }>) ?? {});
    const found = Object.values((output.Responses as Record<string, Item[]>) ?? {}).flat();
    const keys = requested.reduce((sum, table) => sum + table.Keys.length, 0);
    const unprocessed = Object.values((output.UnprocessedKeys as Record<string, { Keys: Item[] }>) ?? {}).reduce(
      (sum, table) => sum + table.Keys.length,
      0,
    );
    const batchFactor = requested[0]?.ConsistentRead ? 1 : 0.5;
    readUnits = (found.reduce((sum, item) => sum + units(itemSize(item), 4096), 0) + (keys - unprocessed - found.length)) * batchFactor;
  }
  return { readUnits, tableWriteUnits: 0, indexWriteUnits: 0 };
}

/** The key of the single item a write touches. */
export function writtenKey(operation: string, input: Record<string, unknown>): Item | undefined {
  if (operation === "PutItem") {
    const item = input.Item as Item;
    return Object.fromEntries(tableKeys.map((name) => [name, item[name]!]));
  }
  if (operation === "UpdateItem" || operation === "DeleteItem") return input.Key as Item;
  return undefined;
}
