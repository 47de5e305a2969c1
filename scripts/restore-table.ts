/**
 * `npm run restore -- --stage production --from <restored table> --region <region>` (with
 * `--from-region <region>` for a table in another region, when moving): puts a
 * point-in-time restore back into Porch (docs/deploy.md, "Backups and restoring"). DynamoDB
 * restores into a new table only; this makes the stage's own table (the one its functions read)
 * hold exactly what the restored one holds: its items put back, and the items written since deleted.
 * It runs itself inside `sst shell` (scripts/sst-shell.mjs) to learn the stage's table.
 */
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { replaceTableItems } from "#backend/store/create-table.ts";
import { insideShellFlag, runInsideSstShell } from "./sst-shell.mjs";

const options = ["--from", "--region", "--from-region"];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1]?.trim() || undefined;
}

function stop(message: string): never {
  console.error(`porch: ${message}`);
  process.exit(1);
}

async function restore(): Promise<void> {
  const from = option("--from");
  const region = option("--region");
  if (!from || !region)
    stop("say which table to restore from and in which region: --from <restored table> --region <the deploy's region output>");
  const { Resource } = await import("sst");
  let table: string | undefined;
  try {
    table = Resource.PorchTable.name;
  } catch {
    stop("this stage has no table. Is it deployed (npx sst deploy --stage <stage>), in this region (PORCH_AWS_REGION)?");
  }
  if (from === table) stop(`${from} is the stage's own table: restore to a new table first (docs/deploy.md)`);
  const source = { client: new DynamoDBClient({ region: option("--from-region") ?? region }), tableName: from };
  const target = { client: new DynamoDBClient({ region }), tableName: table };
  try {
    // Both must exist before anything is written.
    for (const { client, tableName } of [source, target]) await client.send(new DescribeTableCommand({ TableName: tableName }));
    console.log(`porch: making ${table} hold what ${from} holds…`);
    const { copied, deleted } = await replaceTableItems(source, target);
    console.log(`porch: ${copied} items put back, ${deleted} written since deleted; ${table} now holds what ${from} holds`);
  } catch (error) {
    stop(`could not restore: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    source.client.destroy();
    target.client.destroy();
  }
}

if (process.argv.includes(insideShellFlag)) await restore();
else runInsideSstShell(import.meta.url, options);
