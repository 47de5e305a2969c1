/**
 * What a deploy of this release does to a table made by the last one: the table's keys and
 * indexes (backend/store/table.ts) against the last release's, committed in
 * infra/released-table.json (`npm run release:table` writes it when a release is cut;
 * docs/contributing.md). Shared by the deploy (infra/table.ts: the upgrade note, and a stop
 * before a change that would replace the table) and verify:deploy. No SST global here.
 *
 * DynamoDB changes global indexes in place, one per UpdateTable call: the provider deletes, waits,
 * creates and waits for the backfill, so a deploy takes minutes, during which the functions of
 * the release before still run, against the new set of indexes. A change to the key schema or the
 * local indexes can only be made by replacing the table: under `removal: "retain"` the old table
 * would be kept with the conversations and the functions pointed at a new, empty one.
 */
import released from "./released-table.json" with { type: "json" };

type Projection = "all" | "keys-only" | readonly string[];

/** The parts of a table definition a deploy can change: keys and indexes (TTL changes in place). */
export interface TableShape {
  fields: Readonly<Record<string, string>>;
  primaryIndex: { readonly hashKey: string; readonly rangeKey: string };
  globalIndexes: Readonly<Record<string, { readonly hashKey: string; readonly rangeKey: string; readonly projection: Projection }>>;
  localIndexes: Readonly<Record<string, { readonly rangeKey: string; readonly projection: Projection }>>;
}

/** The last release's table, as committed. */
export const releasedTable = released as { release: string; table: TableShape };

/** `definition`'s keys and indexes alone, as the snapshot holds them. */
export function tableShape(definition: TableShape): TableShape {
  const { fields, primaryIndex, globalIndexes, localIndexes } = definition;
  return { fields, primaryIndex, globalIndexes, localIndexes };
}

export interface TableChanges {
  /** Changes that replace the table: the key schema, a key's type, a local index. */
  replacing: string[];
  /** Global indexes added, removed or changed: done in place, over minutes. */
  globalIndexes: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Names in either record whose entries differ, each said as added, removed or changed. */
function changedEntries<T>(kind: string, from: Readonly<Record<string, T>>, to: Readonly<Record<string, T>>): string[] {
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return names.flatMap((name) => {
    if (!(name in to)) return [`${kind} "${name}" removed`];
    if (!(name in from)) return [`${kind} "${name}" added`];
    return same(from[name], to[name]) ? [] : [`${kind} "${name}" changed`];
  });
}

/** What deploying `to` over a table made as `from` changes. */
export function tableChanges(from: TableShape, to: TableShape): TableChanges {
  const replacing: string[] = [];
  if (!same(from.primaryIndex, to.primaryIndex)) replacing.push("the key schema changed");
  for (const key of [to.primaryIndex.hashKey, to.primaryIndex.rangeKey]) {
    if (from.fields[key] !== undefined && from.fields[key] !== to.fields[key]) replacing.push(`the key "${key}" changed type`);
  }
  replacing.push(...changedEntries("local index", from.localIndexes, to.localIndexes));
  // A local index's sort key changing type is a change to that index too.
  for (const [name, index] of Object.entries(to.localIndexes)) {
    const key = index.rangeKey;
    if (name in from.localIndexes && from.fields[key] !== undefined && from.fields[key] !== to.fields[key]) {
      replacing.push(`local index "${name}"'s key "${key}" changed type`);
    }
  }
  return { replacing, globalIndexes: changedEntries("global index", from.globalIndexes, to.globalIndexes) };
}

/**
 * What a deploy prints when this release changes the global indexes of the last one's table;
 * null when it does not.
 */
export function upgradeNote(changes: TableChanges, release: string): string | null {
  if (changes.globalIndexes.length === 0) return null;
  return (
    `If this stage runs Porch ${release}, this deploy changes its table's indexes (${changes.globalIndexes.join(", ")}). ` +
    "DynamoDB builds a new index from every item: the deploy takes several minutes, and until it ends the inbox may " +
    'fail to load while the functions of the release before still run. Deploy when nobody is chatting (docs/deploy.md, "Update").'
  );
}

/** Why a deploy of this release must not go ahead over the last one's table; null when it may. */
export function replacementRefusal(changes: TableChanges, release: string): string | null {
  if (changes.replacing.length === 0) return null;
  return (
    `this release would replace the table of Porch ${release} (${changes.replacing.join(", ")}): the conversations would ` +
    'stay in the old table and Porch would start on an empty one. Such a change needs a migration (docs/contributing.md, "The table across releases").'
  );
}
