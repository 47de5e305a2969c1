/**
 * `npm start` (backend/local/main.ts) as a person runs it: a second one on the same data dir
 * stops with a sentence naming the first, a data dir left locked by a killed run is taken over,
 * the banner comes last, with events logged after it as lines for a person or as JSON, and a job
 * due while it was killed runs once it starts again.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "#backend/local/stack.ts";
import type { CapturedEmail } from "#backend/local/ses.ts";
import { TestClient } from "#test/support/client.ts";
import { isConfirmationEmail, linkIn, pressButton } from "#test/support/emails.ts";

interface Run {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Starts main.ts on `dataDir` and `port` (the demo blog on a free port), with `env` besides. */
function start(dataDir: string, port: number, env: Record<string, string | undefined> = {}): Run {
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "backend/local/main.ts")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORCH_PORT: String(port),
      PORCH_DEMO_PORT: "0",
      PORCH_DATA_DIR: dataDir,
      PORCH_OWNER_PASSWORD: "start-test",
      PORCH_LOG_FORMAT: undefined,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: Run = {
    child,
    stdout: "",
    stderr: "",
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  child.stdout.on("data", (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
}

async function running(run: Run): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!run.stdout.includes("Porch is running")) {
    if (run.child.exitCode !== null) throw new Error(`it exited (${run.child.exitCode}): ${run.stdout}${run.stderr}`);
    if (Date.now() > deadline) throw new Error(`not running after 30 s: ${run.stdout}${run.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("npm start on a data dir", () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "porch-start-"));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("a second one on the same data dir stops with a message naming the first", { timeout: 60_000 }, async () => {
    const first = start(dataDir, 0);
    try {
      await running(first);
      const second = start(dataDir, 0);
      assert.equal(await second.exited, 1);
      assert.match(
        second.stderr,
        new RegExp(
          `data dir ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is in use by another Porch \\(process ${first.child.pid}, started `,
        ),
      );
      assert.match(second.stderr, /set PORCH_DATA_DIR to another folder/);
      assert.doesNotMatch(second.stderr, /^\s+at /m, "it printed a stack trace");
      assert.doesNotMatch(second.stdout, /Porch is running/);
    } finally {
      first.child.kill("SIGTERM");
      assert.equal(await first.exited, 0);
    }
    // A clean stop gives the folder back.
    await assert.rejects(readFile(join(dataDir, "porch.lock")), { code: "ENOENT" });
  });

  it("takes over a lock left by a process that is gone", { timeout: 60_000 }, async () => {
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.once("exit", resolve));
    await writeFile(join(dataDir, "porch.lock"), JSON.stringify({ pid: gone.pid, startedAt: "2020-01-01T00:00:00.000Z" }));
    const run = start(dataDir, 0);
    try {
      await running(run);
      const lock = JSON.parse(await readFile(join(dataDir, "porch.lock"), "utf8")) as { pid: number };
      assert.equal(lock.pid, run.child.pid);
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  });

  /** A visitor writes with no owner online: the notify function logs that the owner was told. */
  async function visitorWrites(run: Run): Promise<void> {
    const socketUrl = /WebSocket\s+(ws:\/\/\S+)/.exec(run.stdout)?.[1];
    assert.ok(socketUrl, `no WebSocket URL in the banner: ${run.stdout}`);
    const visitor = await TestClient.open(socketUrl);
    try {
      const visitorId = randomUUID();
      await visitor.expectReply({ action: "hello", visitorId });
      await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "anyone there?" });
    } finally {
      await visitor.close();
    }
  }

  /** Waits until `pattern` shows in the output after the banner's last line. */
  async function loggedAfterBanner(run: Run, pattern: RegExp): Promise<string> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const afterBanner = run.stdout.split(/Ctrl-C to stop\.\n/)[1] ?? "";
      if (pattern.test(afterBanner)) return afterBanner;
      if (Date.now() > deadline) throw new Error(`nothing like ${pattern} after the banner: ${run.stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("prints the banner last, then logs events as lines for a person with PORCH_LOG_FORMAT=pretty", { timeout: 60_000 }, async () => {
    const run = start(dataDir, 0, { PORCH_LOG_FORMAT: "pretty" });
    try {
      await running(run);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const lines = run.stdout.trimEnd().split("\n");
      assert.match(lines.at(-1) ?? "", /Press Ctrl-C to stop\./, "something was printed after the banner before anyone connected");
      assert.match(run.stdout, /Logs\s+one line per event below/);
      await visitorWrites(run);
      const logged = await loggedAfterBanner(run, /owner notified/);
      assert.match(logged, /^\d\d:\d\d:\d\d info {2}owner notified {2}channel=push/m);
      assert.doesNotMatch(logged, /^\{"level"/m);
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  });

  it("logs JSON, as deployed, when its output is not a terminal", { timeout: 60_000 }, async () => {
    const run = start(dataDir, 0);
    try {
      await running(run);
      assert.match(run.stdout, /Logs\s+JSON, one line per event/);
      await visitorWrites(run);
      const logged = await loggedAfterBanner(run, /owner notified/);
      const event = JSON.parse(logged.split("\n").find((line) => line.includes("owner notified")) ?? "{}") as Record<string, unknown>;
      assert.equal(event.level, "info");
      assert.equal(event.channel, "push");
    } finally {
      run.child.kill("SIGTERM");
      await run.exited;
    }
  });

  it("sends after a restart a reply email that fell due while it was killed", { timeout: 90_000 }, async () => {
    const ownDir = await mkdtemp(join(tmpdir(), "porch-start-jobs-"));
    const emailSettings = { PORCH_SITE_URL: "https://blog.example/", PORCH_VISITOR_EMAIL_DELAY_S: "2", PORCH_LOG_LEVEL: "silent" };
    const address = `v-${randomUUID()}@example.com`;
    try {
      const first = start(ownDir, 0, emailSettings);
      try {
        await running(first);
        const socketUrl = /WebSocket\s+(ws:\/\/\S+)/.exec(first.stdout)![1]!;
        const visitorId = randomUUID();
        const visitor = await TestClient.open(socketUrl);
        await visitor.expectReply({ action: "register", visitorId, email: address });
        await visitor.expectReply({ action: "send", visitorId, id: randomUUID(), text: "Is the course still open?" });
        await visitor.close();
        // Reply emails go to a confirmed address only: its recipient confirms it first.
        const firstSiteUrl = /Owner inbox\s+(http:\/\/\S+\/)inbox\.html/.exec(first.stdout)![1]!;
        let confirmation: CapturedEmail | undefined;
        for (const deadline = Date.now() + 20_000; !confirmation && Date.now() < deadline;) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const { messages } = (await (await fetch(`${firstSiteUrl}_aws/ses`)).json()) as { messages: CapturedEmail[] };
          confirmation = messages.find((email) => email.Destination.ToAddresses.includes(address) && isConfirmationEmail(email));
        }
        assert.ok(confirmation, "a confirmation email to the address");
        assert.equal((await pressButton(linkIn(confirmation, "Confirm:"))).status, 200);
        const owner = await TestClient.open(socketUrl);
        const { token } = await owner.expectReply({ action: "login", password: "start-test" });
        await owner.expectReply({ action: "send", token, visitorId, id: randomUUID(), text: "It is: see you Saturday." });
      } finally {
        first.child.kill("SIGKILL");
        await first.exited;
      }
      // Stopped past the email's delay: due while nothing ran.
      await new Promise((resolve) => setTimeout(resolve, 2500));

      const second = start(ownDir, 0, emailSettings);
      try {
        await running(second);
        const siteUrl = /Owner inbox\s+(http:\/\/\S+\/)inbox\.html/.exec(second.stdout)![1]!;
        const deadline = Date.now() + 20_000;
        let emails: CapturedEmail[] = [];
        while (!emails.length && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const { messages } = (await (await fetch(`${siteUrl}_aws/ses`)).json()) as { messages: CapturedEmail[] };
          emails = messages.filter((email) => email.Destination.ToAddresses.includes(address) && !isConfirmationEmail(email));
        }
        assert.equal(emails.length, 1, "the reply email was sent once, after the restart");
      } finally {
        second.child.kill("SIGTERM");
        await second.exited;
      }
    } finally {
      await rm(ownDir, { recursive: true, force: true });
    }
  });
});
