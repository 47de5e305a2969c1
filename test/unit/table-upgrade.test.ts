/**
 * What deploying this release's table over the last release's does (infra/table-upgrade.ts): the
 * deploy stops before a change that would replace the table, and announces a change of global
 * indexes, which DynamoDB makes in place over minutes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tableDefinition } from "#backend/store/table.ts";
import { releasedTable, replacementRefusal, tableChanges, tableShape, upgradeNote, type TableShape } from "#infra/table-upgrade.ts";

const current = tableShape(tableDefinition);

/** `current` with some of its parts replaced. */
const changed = (parts: Partial<TableShape>): TableShape => ({ ...current, ...parts });

describe("the table across releases", () => {
  it("deploys over the last release's table without replacing it", () => {
    const changes = tableChanges(releasedTable.table, current);
    assert.deepEqual(changes.replacing, []);
    assert.equal(replacementRefusal(changes, releasedTable.release), null);
  });

  it("says nothing when the indexes are those of the last release", () => {
    const changes = tableChanges(current, current);
    assert.deepEqual(changes, { replacing: [], globalIndexes: [] });
    assert.equal(upgradeNote(changes, "0.1.0"), null);
  });

  it("announces global indexes removed, added and changed, and lets the deploy go ahead", () => {
    const { inbox } = current.globalIndexes;
    const next = changed({
      globalIndexes: {
        inbox: { ...inbox!, projection: "keys-only" },
        unread: { hashKey: "livePk", rangeKey: "liveSk", projection: "all" },
      },
    });
    const changes = tableChanges(current, next);
    assert.deepEqual(changes.globalIndexes, ['global index "inbox" changed', 'global index "live" removed', 'global index "unread" added']);
    assert.deepEqual(changes.replacing, []);
    const note = upgradeNote(changes, "0.1.0");
    assert.match(note ?? "", /Porch 0\.1\.0/);
    assert.match(note ?? "", /global index "live" removed/);
    assert.match(note ?? "", /several minutes/);
  });

  it("refuses a change of the key schema, a key's type or a local index", () => {
    const { timeline } = current.localIndexes;
    const cases: [string, TableShape, RegExp][] = [
      ["a new range key", changed({ primaryIndex: { hashKey: "pk", rangeKey: "lsk" } }), /key schema changed/],
      ["a key of another type", changed({ fields: { ...current.fields, sk: "number" } }), /key "sk" changed type/],
      [
        "a local index projecting more",
        changed({ localIndexes: { timeline: { ...timeline!, projection: "all" } } }),
        /local index "timeline" changed/,
      ],
      [
        "a local index added",
        changed({ localIndexes: { ...current.localIndexes, byAuthor: { rangeKey: "inboxSk", projection: "keys-only" } } }),
        /local index "byAuthor" added/,
      ],
      [
        "a local index's key of another type",
        changed({ fields: { ...current.fields, lsk: "number" } }),
        /local index "timeline"'s key "lsk" changed type/,
      ],
    ];
    for (const [what, next, reason] of cases) {
      const refusal = replacementRefusal(tableChanges(current, next), "0.1.0");
      assert.match(refusal ?? "", reason, what);
      assert.match(refusal ?? "", /empty one/, what);
    }
  });
});
