/**
 * `npm run restore` (scripts/restore-table.ts) puts a point-in-time restore back: the stage's own
 * table ends up holding exactly what the restored table holds, and it refuses what cannot be right.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { after, before, describe, it } from "node:test";
import { startDynalite, type LocalDynamo } from "#backend/local/dynamo.ts";
import { repoRoot } from "#backend/local/stack.ts";
import { createTableInput } from "#backend/store/create-table.ts";
import { keys } from "#backend/store/keys.ts";
import { writeSstStandIn } from "#test/support/sst-stand-in.ts";

const run = promisify(execFile);
const script = join(repoRoot, "scripts", "restore-table.ts");

describe("npm run restore", () => {
  let dynamo: LocalDynamo;
  let documents: DynamoDBDocumentClient;
  let dir: string;

  before(async () => {
    dynamo = await startDynalite();
    documents = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials: { accessKeyId: "l", secretAccessKey: "l" } }),
    );
    for (const name of ["live", "restored"]) await documents.send(new CreateTableCommand(createTableInput(name)));
    dir = await mkdtemp(join(tmpdir(), "porch-restore-"));
  });
  after(async () => {
    documents.destroy();
    await dynamo.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The script as `sst shell` runs it, with the stage's table `live`, against dynalite. */
  async function restore(args: string[], env: Record<string, string> = {}) {
    try {
      const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", script, ...args], {
        cwd: repoRoot,
        env: {
          PATH: process.env.PATH ?? "",
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
          AWS_ACCESS_KEY_ID: "l",
          AWS_SECRET_ACCESS_KEY: "l",
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          SST_RESOURCE_PorchTable: JSON.stringify({ type: "sst.aws.Dynamo", name: "live" }),
          ...env,
        },
      });
      return { stdout, stderr, code: 0 };
    } catch (error) {
      const failure = error as { stdout: string; stderr: string; code: number };
      return { stdout: failure.stdout, stderr: failure.stderr, code: failure.code };
    }
  }

  const put = (table: string, pk: string, sk: string, text: string) =>
    documents.send(new PutCommand({ TableName: table, Item: { pk, sk, text } }));
  const contents = async (table: string) =>
    ((await documents.send(new ScanCommand({ TableName: table }))).Items ?? []).map((item) => `${item.pk} ${item.sk} ${item.text}`).sort();

  it("makes the stage's table hold what the restored table holds: items put back, items written since deleted", async () => {
    await put("restored", keys.conversationPk("a"), keys.headSk, "as it was");
    await put("restored", keys.conversationPk("a"), keys.messageSk("1"), "deleted by mistake since");
    await put("restored", keys.conversationPk("b"), keys.headSk, "unchanged");
    await put("live", keys.conversationPk("a"), keys.headSk, "reset by the delete");
    await put("live", keys.conversationPk("a"), keys.clearedSk, "the delete's mark");
    await put("live", keys.conversationPk("b"), keys.headSk, "unchanged");
    const result = await restore(["--inside-sst-shell", "--from", "restored", "--from-region", "us-east-1", "--region", "us-east-1"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /3 items put back, 1 written since deleted/);
    assert.deepEqual(await contents("live"), await contents("restored"));
  });

  it("refuses to restore the stage's table from itself, or without saying from where and in which region", async () => {
    const itself = await restore(["--inside-sst-shell", "--from", "live", "--region", "us-east-1"]);
    assert.equal(itself.code, 1);
    assert.match(itself.stderr, /is the stage's own table/);
    const vague = await restore(["--inside-sst-shell", "--from", "restored"]);
    assert.equal(vague.code, 1);
    assert.match(vague.stderr, /--from <restored table> --region/);
    const missing = await restore(["--inside-sst-shell", "--from", "no-such-table", "--region", "us-east-1"]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /could not restore/);
  });

  it("runs itself inside `sst shell` with the stage, and keeps its own options", async () => {
    const standIn = await writeSstStandIn(dir); // runs the command after `--` with the stage's table linked
    const result = await restore(["--stage", "production", "--from", "restored", "--region", "us-east-1", "--from-region", "eu-west-1"], {
      SST_BIN_PATH: standIn.path,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await standIn.args(), ["shell", "--stage", "production"]);
  });
});
