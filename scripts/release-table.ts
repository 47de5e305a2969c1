/**
 * `npm run release:table`: records this release's table (its keys and indexes, from
 * backend/store/table.ts) as the last release's, in infra/released-table.json, which the deploy
 * and verify:deploy compare the next release's table with (infra/table-upgrade.ts). Run it when
 * a release is cut, after the release's own deploy check (docs/contributing.md, "The table across
 * releases").
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { tableDefinition } from "#backend/store/table.ts";
import { tableShape } from "#infra/table-upgrade.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const snapshot = path.join(root, "infra", "released-table.json");
const { version } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string };
const text = JSON.stringify({ release: version, table: tableShape(tableDefinition) });
const options = (await prettier.resolveConfig(snapshot)) ?? {};
await writeFile(snapshot, await prettier.format(text, { ...options, filepath: snapshot }));
console.log(`porch: ${path.relative(root, snapshot)} now holds release ${version}'s table`);
