import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { repoRoot } from "#backend/local/stack.ts";
import { openOwner, openVisitor } from "../support/load-client.ts";

const password = "restart-test-password";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `npm start` as a child process; resolves once it prints that it is running. */
async function startLocalStack(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "backend/local/main.ts")], {
    cwd: repoRoot,
    env: { ...process.env, PORCH_PORT: String(port), PORCH_DATA_DIR: dataDir, PORCH_OWNER_PASSWORD: password, PORCH_LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Porch is running")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the local stack exited (${code}) before it was running: ${output}`)));
  });
  return child;
}

describe("a SIGKILL under load", () => {
  it("loses no message that was answered sent", { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "porch-restart-"));
    const port = await freePort();
    const socketUrl = `ws://127.0.0.1:${port}/local`;
    try {
      const first = await startLocalStack(dataDir, port);
      const visitors = await Promise.all(Array.from({ length: 30 }, () => openVisitor(socketUrl)));
      const confirmed = new Map<string, string[]>();
      let stop = false;
      const load = Promise.all(
        visitors.map(async ({ client, visitorId }) => {
          confirmed.set(visitorId, []);
          for (let n = 0; n < 19 && !stop; n++) {
            const id = randomUUID();
            try {
              const reply = await client.request({ action: "send", visitorId, id, text: `before the crash ${n}` }, 5000);
              if (reply.type === "sent") confirmed.get(visitorId)!.push(id);
            } catch {
              return; // the socket died with the process
            }
          }
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      first.kill("SIGKILL");
      stop = true;
      await load;
      await new Promise((resolve) => (first.exitCode !== null || first.signalCode !== null ? resolve(null) : first.once("exit", resolve)));
      const total = [...confirmed.values()].reduce((sum, ids) => sum + ids.length, 0);
      assert.ok(total > 0, "some messages were confirmed before the kill");

      const second = await startLocalStack(dataDir, port);
      try {
        const owner = await openOwner(socketUrl, password);
        for (const [visitorId, ids] of confirmed) {
          const history = await owner.client.expectReply({ action: "list", token: owner.token, visitorId, limit: 100 });
          const stored = new Set(history.type === "history" ? history.messages.map((message) => message.id) : []);
          assert.deepEqual(
            ids.filter((id) => !stored.has(id)),
            [],
            `every confirmed message of ${visitorId} is there after the restart`,
          );
        }
        await owner.client.close();
        await Promise.all(visitors.map(({ client }) => client.close()));
      } finally {
        second.kill("SIGTERM");
        await new Promise((resolve) => second.once("exit", resolve));
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
