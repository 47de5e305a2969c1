/// <reference types="mocha" />
import { expect } from "chai";
import type { ReactiveControllerHost } from "lit";
import { FakeBackend, until } from "../test/fake-backend.ts";
import { PorchServerError } from "./errors.ts";
import { PorchConnection, type PorchConnectionOptions } from "./porch-connection.ts";

const host: ReactiveControllerHost = {
  addController() {},
  removeController() {},
  requestUpdate() {},
  updateComplete: Promise.resolve(true),
};
const visitorId = "6f1c0b1e-3a57-4c39-9b0e-2f0c6d1a7e55";

describe("PorchConnection", () => {
  let backend: FakeBackend;
  let connection: PorchConnection<"visitor", "visitorId">;
  const connect = (options: Partial<PorchConnectionOptions<"visitor", "visitorId">> = {}) => {
    connection = new PorchConnection<"visitor", "visitorId">(host, {
      url: () => "wss://example.test/chat",
      credentials: () => ({ visitorId }),
      onOpen: async () => void (await connection.request({ action: "hello" })),
      onPush: () => {},
      ...options,
    });
    connection.start();
    return connection;
  };

  beforeEach(() => (backend = new FakeBackend().install()));
  afterEach(() => {
    connection.stop();
    backend.uninstall();
  });

  it("says hello on every connect and adds the credentials and a rid to each frame", async () => {
    connect({ backoffBaseMs: 10 });
    await until(() => connection.state === "online", "online");
    backend.dropAll();
    await until(() => backend.framesOf("hello").length === 2, "second hello");
    for (const hello of backend.framesOf("hello")) {
      expect(hello.visitorId).to.equal(visitorId);
      expect(hello.rid).to.be.a("string").with.length.below(65);
    }
  });

  it("rejects a request answered with an error with the protocol's code", async () => {
    connect();
    await until(() => connection.state === "online", "online");
    backend.failNext.push({ action: "list", code: "internal" });
    const error = await connection.request({ action: "list" }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(PorchServerError);
    expect((error as PorchServerError).code).to.equal("internal");
  });

  it("backs off exponentially, with jitter, while the server cannot be reached", async () => {
    backend.refuse = true;
    const attempts: number[] = [];
    connect({ backoffBaseMs: 20, onStateChange: (state) => state === "connecting" && attempts.push(performance.now()) });
    await until(() => attempts.length >= 4, "four attempts");
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    expect(gaps[0]).to.be.within(10 - 2, 20 + 40);
    expect(gaps[2]).to.be.within(40 - 2, 80 + 40);
  });

  it("pings while idle and reconnects on purpose before the connection's lifetime ends", async () => {
    connect({ pingIntervalMs: () => 30, maxLifetimeMs: 200 });
    await until(() => backend.framesOf("ping").length >= 2, "pings");
    await until(() => backend.framesOf("hello").length === 2, "planned reconnect", 2000);
    expect(backend.sockets[0]!.readyState).to.equal(WebSocket.CLOSED);
  });

  it("pings at once when the network comes back while it is online (a device waking), and hands the pong over", async () => {
    const pongs: unknown[] = [];
    connect({ onPong: (pong) => pongs.push(pong) }).hostConnected();
    await until(() => connection.state === "online", "online");
    dispatchEvent(new Event("online"));
    await until(() => pongs.length === 1, "the pong");
    expect(backend.framesOf("ping")).to.have.length(1);
    expect(pongs[0]).to.have.property("latest", null);
    connection.hostDisconnected();
  });

  it("resends queued sends after a reconnect until each is answered", async () => {
    connect({ backoffBaseMs: 10 });
    await until(() => connection.state === "online", "online");
    backend.refuse = true;
    backend.dropAll();
    await until(() => connection.state === "offline", "offline");
    const sent = connection.send({ action: "send", id: "9b2f6a4e-0d1c-4e8a-a3f5-6c7d8e9f0a1b", text: "queued" });
    expect(connection.queuedIds).to.deep.equal(["9b2f6a4e-0d1c-4e8a-a3f5-6c7d8e9f0a1b"]);
    backend.refuse = false;
    const reply = await sent;
    expect(reply.message.text).to.equal("queued");
    expect(connection.queuedIds).to.deep.equal([]);
    expect(backend.messages).to.have.length(1);
  });

  it("sends queued messages one at a time, in the order they were written", async () => {
    connect({ backoffBaseMs: 10 });
    await until(() => connection.state === "online", "online");
    backend.refuse = true;
    backend.dropAll();
    await until(() => connection.state === "offline", "offline");
    const ids = ["0b0c0f3e-0000-4000-8000-000000000001", "0b0c0f3e-0000-4000-8000-000000000002", "0b0c0f3e-0000-4000-8000-000000000003"];
    const replies = ids.map((id, index) => connection.send({ action: "send", id, text: `queued ${index + 1}` }));
    backend.holdSends = true;
    backend.refuse = false;
    for (let answered = 0; answered < ids.length; answered++) {
      await until(() => backend.framesOf("send").length === answered + 1, `send ${answered + 1} on the wire`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(backend.framesOf("send"), "the next waits for the previous one's reply").to.have.length(answered + 1);
      backend.releaseSends();
    }
    await Promise.all(replies);
    expect(backend.messages.map((message) => message.text)).to.deep.equal(["queued 1", "queued 2", "queued 3"]);
  });
});
