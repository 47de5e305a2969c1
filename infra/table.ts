/// <reference path="../.sst/platform/config.d.ts" />
import { linkNames } from "#backend/handlers/links.ts";
import { tableDefinition } from "#backend/store/table.ts";
import { releasedTable, replacementRefusal, tableChanges, tableShape, upgradeNote } from "./table-upgrade.ts";

/**
 * The one DynamoDB table, as backend/store/table.ts defines it for the deploy, the local stack and
 * the tests, with what deploying it over the last release's table does (infra/table-upgrade.ts):
 * a change that would replace the table stops the deploy before anything changes; a change of
 * global indexes goes ahead with a note, printed now and as the deploy's `upgradeNote` output.
 */
export function chatTable() {
  const changes = tableChanges(releasedTable.table, tableShape(tableDefinition));
  const refusal = replacementRefusal(changes, releasedTable.release);
  if (refusal) throw new Error(refusal);
  const note = upgradeNote(changes, releasedTable.release);
  if (note) console.warn(`porch: ${note}`);
  const table = new sst.aws.Dynamo(linkNames.table, {
    ...tableDefinition,
    globalIndexes: withListCopies(tableDefinition.globalIndexes),
    localIndexes: withListCopies(tableDefinition.localIndexes),
  });
  return { table, upgradeNote: note };
}

/** The shared definition is deeply readonly; SST's arguments take mutable projection lists. */
function withListCopies<T extends Record<string, { projection: "all" | "keys-only" | readonly string[] }>>(indexes: T) {
  return Object.fromEntries(
    Object.entries(indexes).map(([name, index]) => [
      name,
      { ...index, projection: typeof index.projection === "string" ? index.projection : [...index.projection] },
    ]),
  ) as { [K in keyof T]: Omit<T[K], "projection"> & { projection: "all" | "keys-only" | string[] } };
}
