/// <reference path="../.sst/platform/config.d.ts" />
import { linkNames } from "#backend/handlers/links.ts";
import { tableDefinition } from "#backend/store/table.ts";

/** The one DynamoDB table, as backend/store/table.ts defines it for the deploy, the local stack and the tests. */
export function chatTable(): sst.aws.Dynamo {
  return new sst.aws.Dynamo(linkNames.table, {
    ...tableDefinition,
    globalIndexes: withListCopies(tableDefinition.globalIndexes),
    localIndexes: withListCopies(tableDefinition.localIndexes),
  });
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
