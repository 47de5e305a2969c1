/// <reference types="mocha" />
import { emulateMedia, sendKeys, setViewport } from "@web/test-runner-commands";
import { expect } from "chai";
import { type ChatMessage, limits } from "#protocol";
import { expectAccessible } from "../test/a11y.ts";
import { seriousViolations } from "../test/axe.ts";
import { FakeBackend, until } from "../test/fake-backend.ts";
import { deepActive } from "../test/dom.ts";
import "./porch-chat.ts";
import type { PorchChat } from "./porch-chat.ts";
import type { PorchVisitorChat } from "./porch-visitor-chat.ts";

let backend: FakeBackend;
let chat: PorchChat;

/** The chat behind the launcher, once porch-chat has loaded it (on intent, `open()`, or at load for a returning visitor). */
const inner = (): PorchVisitorChat => {
  const found = chat.shadowRoot!.querySelector("porch-visitor-chat");
  if (!found) throw new Error("the chat has not been loaded");
  return found;
};
/** The chat's shadow root, where the panel is. */
const view = (): ShadowRoot => inner().shadowRoot!;
/** Once the chat (if loaded) has rendered its last change. */
const settled = async (): Promise<unknown> => chat.shadowRoot!.querySelector("porch-visitor-chat")?.updateComplete;

/**
 * Finds parts the way a page's `::part(name)` does: in the element's shadow root, and through
 * nested elements that re-export a part (`exportparts="button: launcher"`).
 */
function parts(name: string, root: ShadowRoot = chat.shadowRoot!): HTMLElement[] {
  const found = [...root.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
  for (const element of root.querySelectorAll<HTMLElement>("[exportparts]")) {
    for (const mapping of element.getAttribute("exportparts")!.split(",")) {
      const [inner, outer = inner] = mapping.split(":").map((n) => n.trim());
      if (outer === name) found.push(...parts(inner!, element.shadowRoot!));
    }
  }
  return found;
}
function part(name: string): HTMLElement {
  const [found] = parts(name);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}
const bubbleTexts = () => parts("message").map((m) => m.textContent);
const listRoot = () => part("messages").shadowRoot!;
/** The n-th message's id in a made-up history: a UUID, as the protocol wants. */
const messageId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const returningId = "8d3c1c52-1a6f-4f43-9d53-0b7a3f1e9c11";

/** A visitor who already has a conversation on this device (with these messages): the widget connects at load. */
function returningVisitor(...messages: Pick<ChatMessage, "from" | "text" | "sentAt">[]): string {
  localStorage.setItem("porch:visitorId", returningId);
  localStorage.setItem("porch:started", "1");
  messages.forEach((message, n) => backend.messages.push({ id: messageId(n), visitorId: returningId, ...message }));
  return returningId;
}
const panel = () => view().querySelector("porch-panel")!;

async function mount(html = "<porch-chat endpoint='wss://example.test/chat'></porch-chat>"): Promise<PorchChat> {
  const holder = document.createElement("div");
  holder.innerHTML = html;
  document.body.append(holder);
  chat = holder.querySelector("porch-chat")!;
  await settled();
  return chat;
}

async function typeAndSend(text: string) {
  part("input").focus();
  await sendKeys({ type: text });
  await sendKeys({ press: "Enter" });
}

beforeEach(() => {
  localStorage.clear();
  backend = new FakeBackend().install();
});

afterEach(() => {
  chat?.parentElement?.remove();
  backend.uninstall();
});

describe("porch-chat", () => {
  describe("on page load", () => {
    it("shows only the launcher, stores nothing and opens no connection", async () => {
      await mount();
      expect(part("launcher").getAttribute("aria-label")).to.equal("Open chat");
      expect(() => part("panel")).to.throw();
      expect(localStorage.length).to.equal(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(backend.sockets).to.have.length(0);
    });

    it("connects at once for a returning visitor with a conversation, to catch replies", async () => {
      returningVisitor({ from: "owner", text: "Reply while you were away", sentAt: Date.now() });
      const unread: number[] = [];
      document.addEventListener("porch-unread", (e) => unread.push(e.detail.count), { once: true });
      await mount();
      await until(() => unread.length, "porch-unread");
      expect(unread).to.deep.equal([1]);
      expect(backend.framesOf("hello")[0]!.visitorId).to.equal("8d3c1c52-1a6f-4f43-9d53-0b7a3f1e9c11");
      await settled();
      expect(part("launcher").getAttribute("aria-label")).to.equal("Open chat, 1 unread");
    });
  });

  describe("opening and closing", () => {
    it("stores a visitor id, says hello and moves focus into the panel on open", async () => {
      await mount();
      const opened = new Promise((resolve) => document.addEventListener("porch-open", resolve, { once: true }));
      part("launcher").click();
      await opened;
      const visitorId = localStorage.getItem("porch:visitorId");
      expect(visitorId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await until(() => backend.framesOf("hello").length, "hello");
      expect(backend.framesOf("hello")[0]!.visitorId).to.equal(visitorId);
      expect(deepActive()).to.equal(part("input"));
      expect(part("messages").getAttribute("role")).to.equal("log");
    });

    it("closes on Escape and gives focus back to the launcher", async () => {
      await mount();
      await chat.open();
      const closed = new Promise((resolve) => document.addEventListener("porch-close", resolve, { once: true }));
      await sendKeys({ press: "Escape" });
      await closed;
      await settled();
      expect(chat.isOpen).to.equal(false);
      expect(deepActive()).to.equal(part("launcher"));
    });

    it("is usable from the keyboard alone: Enter on the launcher opens, Tab reaches send", async () => {
      await mount();
      part("launcher").focus();
      await sendKeys({ press: "Enter" });
      await until(() => chat.isOpen, "open");
      await settled();
      expect(deepActive()).to.equal(part("input"));
      await sendKeys({ press: "Tab" });
      expect(deepActive()).to.equal(part("send"));
    });
  });

  describe("sending", () => {
    it("keeps Tab inside the full-screen panel on a phone, both ways", async () => {
      await setViewport({ width: 390, height: 760 });
      try {
        await mount();
        await chat.open();
        await settled();
        const panel = view().querySelector("porch-panel")!;
        await panel.updateComplete;
        expect(panel.getAttribute("aria-modal")).to.equal("true");
        const inside = () => chat.shadowRoot!.contains(document.activeElement) || document.activeElement === chat;
        for (let i = 0; i < 8; i++) {
          await sendKeys({ press: "Tab" });
          expect(inside(), `focus left the panel after ${i + 1} Tab presses`).to.equal(true);
          expect(deepActive()?.classList.contains("edge"), "an edge never keeps focus").to.equal(false);
        }
        await sendKeys({ down: "Shift" });
        try {
          for (let i = 0; i < 8; i++) {
            await sendKeys({ press: "Tab" });
            expect(inside(), `focus left the panel after ${i + 1} Shift+Tab presses`).to.equal(true);
            expect(deepActive()?.classList.contains("edge"), "an edge never keeps focus").to.equal(false);
          }
        } finally {
          await sendKeys({ up: "Shift" });
        }
      } finally {
        await setViewport({ width: 1280, height: 800 });
      }
    });

    it("shows the message at once as pending, then as sent", async () => {
      await mount();
      await chat.open();
      backend.refuse = false;
      await typeAndSend("Hello there");
      await settled();
      expect(bubbleTexts().at(-1)).to.contain("Hello there");
      await until(() => backend.framesOf("send").length, "send");
      await until(() => part("messages").shadowRoot!.querySelector("li.sent"), "sent state");
      expect(part("messages").shadowRoot!.querySelector("li.sent .meta")!.textContent).to.contain("Sent");
      expect(backend.messages).to.have.length(1);
    });

    it("adds a line on Shift+Enter and sends on Enter", async () => {
      await mount();
      await chat.open();
      part("input").focus();
      await sendKeys({ type: "one" });
      await sendKeys({ down: "Shift" });
      await sendKeys({ press: "Enter" });
      await sendKeys({ up: "Shift" });
      await sendKeys({ type: "two" });
      expect(backend.framesOf("send")).to.have.length(0);
      await sendKeys({ press: "Enter" });
      await until(() => backend.framesOf("send").length, "send");
      expect(backend.framesOf("send")[0]!.text).to.equal("one\ntwo");
      expect((part("input") as HTMLTextAreaElement).value).to.equal("");
    });

    it("queues messages typed while offline and sends each once when the connection returns", async () => {
      await mount();
      await chat.open();
      await until(() => backend.open.length, "connection");
      backend.refuse = true;
      backend.dropAll();
      await until(() => view().querySelector("porch-panel")!.status.includes("Reconnecting"), "offline status");
      await typeAndSend("first while offline");
      await typeAndSend("second while offline");
      await settled();
      expect(part("messages").shadowRoot!.querySelectorAll("li.pending")).to.have.length(2);
      expect(part("messages").shadowRoot!.textContent).to.contain("Will send when reconnected");
      backend.refuse = false;
      await until(() => backend.messages.length === 2, "both stored", 5000);
      await until(() => part("messages").shadowRoot!.querySelectorAll("li.sent").length === 2, "both sent");
      expect(backend.messages.map((m) => m.text)).to.deep.equal(["first while offline", "second while offline"]);
      expect(bubbleTexts().filter((t) => t?.includes("while offline"))).to.have.length(2);
    });

    it("keeps messages written offline across a reload and sends each once after it", async () => {
      await mount();
      await chat.open();
      await until(() => backend.open.length, "connection");
      backend.refuse = true;
      backend.dropAll();
      await typeAndSend("written before the reload");
      await settled();
      expect(localStorage.getItem("porch:unsent")).to.contain("written before the reload");
      chat.parentElement!.remove(); // the page goes away with the message unsent
      backend.refuse = false;
      await mount();
      await until(() => backend.messages.length === 1, "stored after the reload", 5000);
      expect(backend.messages.map((m) => m.text)).to.deep.equal(["written before the reload"]);
      await until(() => localStorage.getItem("porch:unsent") === null, "forgotten once sent");
      await chat.open();
      await until(() => part("messages").shadowRoot!.querySelectorAll("li.sent").length === 1, "shown as sent");
      expect(backend.framesOf("send").length).to.be.at.least(1);
      expect(backend.messages).to.have.length(1);
    });

    it("after a rate-limited burst, shows one notice and retries all, in the order written, under the same ids", async () => {
      await mount();
      await chat.open();
      await typeAndSend("sent fine");
      await until(() => backend.messages.length === 1, "first stored");
      for (let n = 0; n < 3; n++) backend.failNext.push({ action: "send", code: "rate_limited" });
      for (const text of ["one", "two", "three"]) await typeAndSend(text);
      await until(() => listRoot().querySelectorAll("li.failed").length === 3, "three failed");
      const notices = view().querySelectorAll(".problem");
      expect(notices).to.have.length(1, "one notice, not one per message");
      expect(notices[0]!.getAttribute("role")).to.equal("alert");
      expect(notices[0]!.textContent).to.contain("faster than the limit");
      for (const failed of listRoot().querySelectorAll("li.failed")) {
        expect(failed.querySelector(".meta")!.textContent.trim()).to.equal("Not sent");
        expect(failed.querySelector("button")).to.equal(null);
      }
      const firstIds = backend
        .framesOf("send")
        .slice(1)
        .map((frame) => frame.id);
      notices[0]!.querySelector("button")!.click();
      await until(() => listRoot().querySelectorAll("li.sent").length === 4, "all sent after retry");
      expect(
        backend
          .framesOf("send")
          .slice(4)
          .map((frame) => frame.id),
      ).to.deep.equal(firstIds, "the same ids, in the order written");
      expect(backend.messages.map((message) => message.text)).to.deep.equal(["sent fine", "one", "two", "three"]);
      expect(bubbleTexts().slice(-3)).to.deep.equal(["You: one", "You: two", "You: three"]);
      expect(view().querySelector(".problem")).to.equal(null);
    });

    it("retries rate-limited messages by itself once the rate window has passed, keeping their order", async () => {
      // The window is a minute: the test runs the timer the widget sets for it at once.
      const delays: number[] = [];
      const realSetTimeout = window.setTimeout;
      window.setTimeout = ((handler: () => void, ms?: number, ...rest: unknown[]) => {
        if (ms === limits.visitorRateWindowMs) {
          delays.push(ms);
          return realSetTimeout(handler, 50);
        }
        return realSetTimeout(handler, ms, ...rest);
      }) as typeof window.setTimeout;
      try {
        await mount();
        await chat.open();
        for (let n = 0; n < 2; n++) backend.failNext.push({ action: "send", code: "rate_limited" });
        backend.holdSends = true; // both written before the first is refused
        await typeAndSend("first too fast");
        await typeAndSend("second too fast");
        backend.holdSends = false;
        backend.releaseSends();
        await until(() => backend.messages.length === 2, "sent again by itself", 5000);
        expect(delays).to.deep.equal([limits.visitorRateWindowMs], "one retry, when the window has passed");
        expect(backend.messages.map((message) => message.text)).to.deep.equal(["first too fast", "second too fast"]);
      } finally {
        window.setTimeout = realSetTimeout;
      }
    });
  });

  describe("replies", () => {
    it("badges owner replies while closed and fires porch-message and porch-unread across the shadow boundary", async () => {
      await mount();
      await chat.open();
      await until(() => backend.open.length && backend.framesOf("list").length, "connected");
      await chat.close();
      const events: string[] = [];
      document.addEventListener("porch-message", (e) => events.push(`message:${e.detail.message.text}`));
      document.addEventListener("porch-unread", (e) => events.push(`unread:${e.detail.count}`));
      backend.reply(localStorage.getItem("porch:visitorId")!, "Thanks for writing!");
      await until(() => events.length === 2, "events");
      expect(events).to.deep.equal(["message:Thanks for writing!", "unread:1"]);
      await until(() => part("launcher").textContent?.includes("1"), "the launcher's badge");
      await chat.open();
      await settled();
      expect(events.at(-1)).to.equal("unread:0");
      expect(localStorage.getItem("porch:readAt")).to.not.equal(null);
    });

    it("tells the server which reply it has shown, once, and only while the page is visible", async () => {
      await mount();
      await chat.open();
      await until(() => backend.framesOf("hello").length, "hello");
      const visitorId = localStorage.getItem("porch:visitorId")!;
      const first = backend.reply(visitorId, "First reply");
      await until(() => backend.framesOf("seen").length === 1, "seen");
      expect(backend.framesOf("seen")[0]!.upTo).to.equal(first.id);
      inner().requestUpdate();
      await settled();

      const visibility = Object.getOwnPropertyDescriptor(Document.prototype, "visibilityState")!;
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      try {
        const second = backend.reply(visitorId, "Second reply, while the tab is hidden");
        await until(() => bubbleTexts().some((text) => text?.includes("Second reply")), "the second reply");
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(backend.framesOf("seen").map((frame) => frame.upTo)).to.deep.equal([first.id]);
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
        document.dispatchEvent(new Event("visibilitychange"));
        await until(() => backend.framesOf("seen").length === 2, "seen after the tab shows");
        expect(backend.framesOf("seen")[1]!.upTo).to.equal(second.id);
      } finally {
        Object.defineProperty(document, "visibilityState", visibility);
        delete (document as { visibilityState?: unknown }).visibilityState;
      }
    });

    it("fetches what it missed after a reconnect and shows nothing twice", async () => {
      await mount();
      await chat.open();
      await until(() => backend.framesOf("list").length, "first list");
      const visitorId = localStorage.getItem("porch:visitorId")!;
      backend.reply(visitorId, "before the drop");
      await until(() => bubbleTexts().some((t) => t?.includes("before the drop")), "first reply");
      backend.refuse = true;
      backend.dropAll();
      backend.reply(visitorId, "while you were disconnected");
      backend.refuse = false;
      await until(() => backend.framesOf("list").length === 2, "catch-up list", 5000);
      await until(() => bubbleTexts().some((t) => t?.includes("while you were disconnected")), "missed reply");
      expect(bubbleTexts().filter((t) => t?.includes("before the drop"))).to.have.length(1);
    });
  });

  describe("a lost push (the watermark in pong)", () => {
    /** An open panel, connected, with one reply shown; pings every `pingInterval` ms. */
    async function connected(pingInterval?: number): Promise<string> {
      await mount();
      if (pingInterval) chat.pingInterval = pingInterval;
      await chat.open();
      await until(() => backend.framesOf("list").length, "first list");
      const visitorId = localStorage.getItem("porch:visitorId")!;
      backend.reply(visitorId, "Pushed and shown");
      await until(() => bubbleTexts().some((t) => t?.includes("Pushed and shown")), "the first reply");
      return visitorId;
    }
    const shownOnce = (text: string) => bubbleTexts().filter((t) => t?.includes(text)).length === 1;

    it("shows a reply whose push was lost at the next ping, once, without reconnecting", async () => {
      const visitorId = await connected(200);
      backend.losePushes = 1;
      backend.reply(visitorId, "Lost on its way");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(
        bubbleTexts().some((t) => t?.includes("Lost on its way")),
        "not pushed",
      ).to.equal(false);
      await until(() => shownOnce("Lost on its way"), "the lost reply, after a ping", 2000);
      expect(backend.framesOf("hello"), "the same connection").to.have.length(1);
      expect(backend.framesOf("list").length).to.equal(2);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(shownOnce("Pushed and shown") && shownOnce("Lost on its way")).to.equal(true);
      expect(backend.framesOf("list").length, "up to date: further pings fetch nothing").to.equal(2);
    });

    it("asks when the tab is shown again, not only at the next ping", async () => {
      const visitorId = await connected();
      backend.losePushes = 1;
      backend.reply(visitorId, "Lost while you were away");
      const pings = backend.framesOf("ping").length;
      document.dispatchEvent(new Event("visibilitychange"));
      await until(() => shownOnce("Lost while you were away"), "the lost reply, once the tab shows");
      expect(backend.framesOf("ping").length).to.equal(pings + 1);
    });

    it("asks once its messages are answered: a reply stored while its `sent` was on its way, its push lost, shows", async () => {
      const visitorId = await connected();
      backend.holdSends = true;
      await typeAndSend("Hello?");
      await until(() => backend.framesOf("send").length, "the send");
      const pings = backend.framesOf("ping").length;
      backend.releaseSends(); // stored now; its `sent` is on its way…
      backend.losePushes = 1;
      backend.reply(visitorId, "Lost right after"); // …when the owner's reply is stored, and its push lost
      await until(() => shownOnce("Lost right after"), "the lost reply, after sent");
      expect(backend.framesOf("ping").length).to.equal(pings + 1);
      expect(bubbleTexts().findIndex((t) => t?.includes("Hello?"))).to.be.below(
        bubbleTexts().findIndex((t) => t?.includes("Lost right after")),
        "in history order",
      );
    });

    it("forgets the conversation when the server holds none any more (its delete's push lost)", async () => {
      const visitorId = await connected();
      backend.messages.splice(0);
      document.dispatchEvent(new Event("visibilitychange"));
      await until(() => !bubbleTexts().some((t) => t?.includes("Pushed and shown")), "the deleted reply gone");
      expect(visitorId).to.be.a("string");
    });
  });

  describe("safe text", () => {
    it("renders HTML in messages as text and makes only http(s) links clickable, without an opener", async () => {
      await mount();
      await chat.open();
      await until(() => backend.framesOf("list").length, "connected");
      const payloads = [
        `<img src=x onerror="window.__xss=1">`,
        `<script>window.__xss=1</script>`,
        `javascript:window.__xss=1`,
        `see https://example.com/a?b=1&c=<b>2</b>.`,
      ];
      for (const text of payloads) backend.reply(localStorage.getItem("porch:visitorId")!, text);
      await until(() => parts("message").length === 5, "payloads shown");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((window as { __xss?: number }).__xss).to.equal(undefined);
      const list = part("messages").shadowRoot!;
      expect(list.querySelector("img, script, b")).to.equal(null);
      expect(bubbleTexts().join("\n")).to.contain(payloads[0]).and.to.contain(payloads[1]);
      const links = [...list.querySelectorAll("a")];
      expect(links).to.have.length(1);
      expect(links[0]!.getAttribute("href")).to.equal("https://example.com/a?b=1&c=");
      expect(links[0]!.rel).to.equal("noopener noreferrer");
      expect(links[0]!.target).to.equal("_blank");
    });
  });

  describe("theming", () => {
    it("applies the page's custom properties and ignores its other CSS", async () => {
      const style = document.createElement("style");
      style.textContent = `porch-chat { --porch-accent: rgb(200, 10, 20); --porch-radius: 3px; }
        button { background: hotpink !important; font-size: 40px !important; } p, li { color: lime !important; }`;
      document.head.append(style);
      try {
        await mount();
        await chat.open();
        expect(getComputedStyle(part("launcher")).backgroundColor).to.equal("rgb(200, 10, 20)");
        expect(getComputedStyle(part("send")).backgroundColor).to.equal("rgb(200, 10, 20)");
        expect(getComputedStyle(part("send")).fontSize).to.not.equal("40px");
        expect(getComputedStyle(part("panel")).borderRadius).to.equal("3px");
        expect(getComputedStyle(part("message")).color).to.not.equal("rgb(0, 255, 0)");
      } finally {
        style.remove();
      }
    });

    it("switches to dark colors with theme=dark and sits on the left with position=left", async () => {
      await mount(`<porch-chat theme="dark" position="left"></porch-chat>`);
      await chat.open();
      expect(getComputedStyle(part("panel")).backgroundColor).to.equal("rgb(27, 31, 30)");
      const box = chat.getBoundingClientRect();
      expect(box.left).to.be.lessThan(innerWidth / 2);
    });
  });

  describe("strings", () => {
    it("takes overrides from attributes and from the strings attribute as JSON", async () => {
      await mount(
        `<porch-chat heading="Hallo!" greeting="Schreib mir." strings='{"send":"Senden","openChat":"Chat öffnen"}'></porch-chat>`,
      );
      expect(part("launcher").getAttribute("aria-label")).to.equal("Chat öffnen");
      await chat.open();
      expect(part("send").getAttribute("aria-label")).to.equal("Senden");
      expect(view().querySelector("porch-panel")!.heading).to.equal("Hallo!");
      expect(bubbleTexts()[0]).to.equal("Schreib mir.");
    });
  });

  describe("intro", () => {
    it("asks for an optional name and email, can be skipped, and registers what is given", async () => {
      await mount(`<porch-chat intro></porch-chat>`);
      await chat.open();
      const intro = view().querySelector("porch-intro")!;
      expect(intro).to.not.equal(null);
      const nickname = intro.shadowRoot!.querySelector<HTMLInputElement>("input[name=nickname]")!;
      nickname.value = "Ana";
      intro.shadowRoot!.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
      await until(() => backend.framesOf("register").length, "register");
      expect(backend.framesOf("register")[0]).to.include({ nickname: "Ana", email: "" });
      await until(() => !view().querySelector("porch-intro"), "intro closed");
      expect(deepActive()).to.equal(part("input"));
    });

    it("never hides the message field: writing while it is open sends, and closes it", async () => {
      await mount(`<porch-chat intro></porch-chat>`);
      await chat.open();
      expect(view().querySelector("porch-intro")).to.not.equal(null);
      await typeAndSend("Just a question");
      await until(() => backend.framesOf("send").length, "sent");
      await until(() => !view().querySelector("porch-intro"), "intro closed");
      expect(backend.framesOf("register")).to.have.length(0);
      await until(() => bubbleTexts().some((text) => text?.includes("Just a question")), "the message");
    });
  });

  describe("who answers", () => {
    it("puts the owner's name and picture in the header and beside replies, initials when the picture cannot load", async () => {
      backend.ownerProfile = { name: "Marta Lindqvist", avatar: null, replyTime: null };
      await mount();
      await chat.open();
      await until(() => panel().heading === "Marta Lindqvist", "the owner's name as the heading");
      expect(view().querySelector("[role=dialog]")!.getAttribute("aria-label")).to.equal("Marta Lindqvist");
      const avatar = () => view().querySelector<HTMLElement>('[slot="avatar"] porch-owner-avatar')!;
      await until(() => avatar()?.shadowRoot?.textContent === "ML", "initials");
      backend.reply(localStorage.getItem("porch:visitorId")!, "Hi, Marta here.");
      await until(() => listRoot().querySelector("li:not(.mine) .meta")?.textContent?.includes("Marta Lindqvist"), "name beside the reply");
      expect(bubbleTexts().at(-1)).to.equal("Marta Lindqvist: Hi, Marta here.");

      // A picture that loads is an <img> with the owner's name as its text; one that fails leaves the initials.
      chat.remove();
      backend.ownerProfile = { name: "Marta Lindqvist", avatar: "/widget/test/csp/avatar-missing.png", replyTime: null };
      await mount();
      await chat.open();
      await until(() => avatar()?.shadowRoot?.querySelector("img") || avatar()?.shadowRoot?.textContent === "ML", "picture or initials");
      await until(() => avatar().shadowRoot!.textContent === "ML", "initials once the picture failed");
    });

    it("falls back to the heading string without a configured name", async () => {
      await mount();
      await chat.open();
      await until(() => backend.framesOf("hello").length, "hello");
      await settled();
      expect(panel().heading).to.equal("Chat with me");
      expect(view().querySelector("porch-owner-avatar")).to.equal(null);
    });
  });

  describe("presence", () => {
    it("follows the owner coming and going live: header, dot, away text and reply-time line", async () => {
      backend.owner = { online: false, lastSeenAt: Date.now() - 3 * 3_600_000 };
      backend.ownerProfile = { name: "Marta", avatar: null, replyTime: "Usually replies within a few hours" };
      await mount();
      await chat.open();
      await until(() => panel().status.includes("hours ago"), "last seen");
      expect(panel().presence).to.equal("away");
      expect(panel().note).to.equal("Usually replies within a few hours");
      expect(listRoot().querySelector(".notice")!.textContent).to.contain("I'm away right now");

      backend.presence(true);
      await until(() => panel().status === "Online", "online, without a reload");
      expect(panel().presence).to.equal("online");
      expect(panel().note).to.equal("");
      await settled();
      expect(listRoot().querySelector(".notice")).to.equal(null);

      backend.presence(false);
      await until(() => panel().presence === "away", "away again");
      expect(panel().status).to.match(/^Last seen/);
    });

    it("says when the owner is back, in the visitor's own time, outside the owner's business hours", async () => {
      // Monday 7 December 2026, 09:00 where this browser is.
      const backAt = new Date(2026, 11, 7, 9, 0).getTime();
      backend.owner = { online: false, lastSeenAt: Date.now() - 60_000, backAt };
      await mount();
      await chat.open();
      const time = new Intl.DateTimeFormat(undefined, { timeStyle: "short" }).format(backAt);
      await until(() => panel().status === `Back Monday at ${time}`, "back at the next opening");
      expect(panel().presence).to.equal("away");
      expect(listRoot().querySelector(".notice")!.textContent).to.contain("I'm away right now");
    });

    it("shows the connection's state, not a green dot, while it is not connected", async () => {
      await mount();
      await chat.open();
      await until(() => panel().presence === "online", "online");
      backend.refuse = true;
      backend.dropAll();
      await until(() => panel().status.includes("Reconnecting"), "reconnecting");
      expect(panel().presence).to.equal("connecting");
      const dot = panel().shadowRoot!.querySelector(".dot")!;
      expect(getComputedStyle(dot).backgroundColor).to.equal("rgba(0, 0, 0, 0)", "a ring, not the green dot");
    });
  });

  describe("typing", () => {
    it("shows the owner typing until the reply arrives, and tells the owner while the visitor types, at most every 3 s", async () => {
      backend.ownerProfile = { name: "Marta", avatar: null, replyTime: null };
      await mount();
      await chat.open();
      await typeAndSend("Are you there?");
      await until(() => backend.messages.length === 1, "a conversation");
      const visitorId = localStorage.getItem("porch:visitorId")!;
      backend.ownerTypes(visitorId);
      await until(() => listRoot().querySelector(".typing")?.textContent === "Marta is typing…", "typing shown");
      backend.reply(visitorId, "Yes!");
      await until(() => !listRoot().querySelector(".typing"), "gone when the reply arrives");

      part("input").focus();
      await sendKeys({ type: "Great, one more question" });
      await until(() => backend.framesOf("typing").length === 1, "typing said");
      await sendKeys({ type: " and another" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(backend.framesOf("typing")).to.have.length(1, "not again within 3 s");
    });

    it("drops the owner's typing a few seconds after the last push", async () => {
      await mount();
      await chat.open();
      await typeAndSend("hello");
      await until(() => backend.messages.length === 1, "a conversation");
      backend.ownerTypes(localStorage.getItem("porch:visitorId")!);
      await until(() => listRoot().querySelector(".typing")?.textContent === "Typing…", "typing shown (no name configured)");
      await until(() => !listRoot().querySelector(".typing"), "gone without another push", 2 * limits.typingIntervalMs + 1000);
    }).timeout(15_000);

    it("says nothing while a visitor types before they have a conversation", async () => {
      await mount();
      await chat.open();
      await until(() => backend.framesOf("hello").length, "hello");
      part("input").focus();
      await sendKeys({ type: "thinking about it" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(backend.framesOf("typing")).to.have.length(0);
    });
  });

  describe("seen", () => {
    it("says Seen under the visitor's last message the owner has read, live and after a reload", async () => {
      await mount();
      await chat.open();
      await typeAndSend("first");
      await typeAndSend("second");
      await until(() => listRoot().querySelectorAll("li.sent").length === 2, "both sent");
      const [first, second] = backend.messages as [ChatMessage, ChatMessage];
      const metaOf = (id: string) => listRoot().querySelector(`li[data-id="${id}"] .meta`)!.textContent;
      expect(metaOf(second.id)).to.contain("Sent");
      backend.ownerReads(second.visitorId, first.id);
      await until(() => metaOf(first.id).includes("Seen"), "seen, live");
      expect(metaOf(second.id)).to.contain("Sent").and.not.contain("Seen");

      chat.parentElement!.remove();
      await mount();
      await chat.open();
      await until(() => listRoot().querySelector(`li[data-id="${first.id}"]`), "history");
      expect(metaOf(first.id)).to.contain("Seen", "after a reload, from hello");
    });
  });

  describe("days and scrolling", () => {
    const visitorId = returningId;
    /** A returning visitor with `count` messages, a second apart up to now, and the first two `daysAgo`. */
    function history(count: number, daysAgo = 0) {
      const now = Date.now();
      returningVisitor(
        ...Array.from({ length: count }, (_, n) => ({
          from: n % 2 ? ("owner" as const) : ("visitor" as const),
          text: `message ${n}`,
          sentAt: n < 2 && daysAgo ? now - daysAgo * 86_400_000 - (2 - n) * 60_000 : now - (count - n) * 1000,
        })),
      );
    }

    it("separates days: Yesterday, Today, and older dates in the reader's locale", async () => {
      history(4, 1);
      backend.messages.unshift({ id: "old", visitorId, from: "visitor", text: "long ago", sentAt: Date.UTC(2024, 2, 14, 12) });
      await mount();
      await chat.open();
      await until(() => listRoot().querySelectorAll("li.day").length === 3, "three days");
      const days = [...listRoot().querySelectorAll("li.day")].map((day) => day.textContent.trim());
      const old = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "long", day: "numeric" }).format(Date.UTC(2024, 2, 14, 12));
      expect(days).to.deep.equal([old, "Yesterday", "Today"]);
    });

    it("shows the newest message when the panel opens after a reload", async () => {
      history(40);
      await mount();
      await until(() => backend.framesOf("list").length, "history loaded while closed");
      await chat.open();
      await until(() => listRoot().querySelector(`li[data-id="${messageId(39)}"]`), "newest rendered");
      await new Promise((resolve) => setTimeout(resolve, 100));
      const list = part("messages");
      const newest = listRoot()
        .querySelector(`li[data-id="${messageId(39)}"]`)!
        .getBoundingClientRect();
      expect(newest.bottom).to.be.at.most(list.getBoundingClientRect().bottom + 0.5, "the newest message is in view");
      expect(list.scrollHeight - list.scrollTop - list.clientHeight).to.be.below(1);
    });

    it("marks a reply that arrives below while the visitor reads above, and takes them down to it", async () => {
      history(40);
      await mount();
      await chat.open();
      await until(() => listRoot().querySelector(`li[data-id="${messageId(39)}"]`), "history");
      const list = part("messages");
      list.scrollTop = 0;
      list.dispatchEvent(new Event("scroll"));
      backend.reply(visitorId, "a reply while you read");
      await until(() => listRoot().querySelector("button.new"), "the marker");
      expect(list.scrollTop).to.equal(0, "the reader is not moved");
      const marker = listRoot().querySelector<HTMLButtonElement>("button.new")!;
      expect(marker.textContent).to.equal("New message ↓");
      // Not shown yet, so not said to be seen.
      const reply = backend.messages.at(-1)!;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(backend.framesOf("seen").map((frame) => frame.upTo)).not.to.include(reply.id);
      marker.click();
      await until(() => !listRoot().querySelector("button.new"), "marker gone");
      expect(list.scrollHeight - list.scrollTop - list.clientHeight).to.be.below(1);
      await until(() => backend.framesOf("seen").at(-1)?.upTo === reply.id, "seen once shown");
    });
  });

  describe("the new-message marker, below messages not sent", () => {
    it("still marks a reply that arrives while the reader is above, when refused messages stay last", async () => {
      await mount();
      await chat.open();
      await until(() => backend.framesOf("list").length, "connected");
      for (let n = 0; n < 12; n++) backend.reply(localStorage.getItem("porch:visitorId")!, `reply ${n}`);
      await until(() => listRoot().querySelectorAll("li[data-id]:not(.mine)").length === 12, "replies");
      backend.failNext.push({ action: "send", code: "rate_limited" });
      await typeAndSend("refused, and shown last");
      await until(() => listRoot().querySelector("li.failed"), "refused");
      const list = part("messages");
      list.scrollTop = 0;
      list.dispatchEvent(new Event("scroll"));
      backend.reply(localStorage.getItem("porch:visitorId")!, "one more reply");
      await until(() => listRoot().querySelector("button.new"), "the marker");
      expect(list.scrollTop).to.equal(0);
    });
  });

  describe("the page a message is written on", () => {
    it("sends the page's address without query string or fragment, its title, the language it chose and the time zone", async () => {
      document.title = "Sourdough at altitude";
      await mount();
      await chat.open();
      await typeAndSend("which page?");
      await until(() => backend.framesOf("send").length, "send");
      const frame = backend.framesOf("send")[0]!;
      expect([frame.page, frame.pageTitle, frame.referrer]).to.deep.equal([location.origin + location.pathname, document.title, undefined]);
      expect(frame.locale).to.deep.equal({ language: "en", timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    });

    it("keeps the query string with page-url=full, and sends no page with page-url=off", async () => {
      history.replaceState(null, "", `${location.pathname}?utm=a#section`);
      try {
        await mount(`<porch-chat page-url="full"></porch-chat>`);
        await chat.open();
        await typeAndSend("full");
        await until(() => backend.framesOf("send").length === 1, "send");
        expect(backend.framesOf("send")[0]!.page).to.equal(`${location.origin}${location.pathname}?utm=a`);
        chat.pageUrl = "off";
        await typeAndSend("off");
        await until(() => backend.framesOf("send").length === 2, "second send");
        expect(backend.framesOf("send")[1]!.page).to.equal(undefined);
      } finally {
        history.replaceState(null, "", location.pathname);
      }
    });
  });

  describe("attention signals for the page", () => {
    const hidden = async (work: () => Promise<void>) => {
      const visibility = Object.getOwnPropertyDescriptor(Document.prototype, "visibilityState")!;
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      try {
        await work();
      } finally {
        delete (document as { visibilityState?: unknown }).visibilityState;
        Object.defineProperty(Document.prototype, "visibilityState", visibility);
        document.dispatchEvent(new Event("visibilitychange"));
      }
    };

    it("puts '(1) New reply' before the title while the tab is hidden, with title-badge, and restores it", async () => {
      const title = (document.title = "Sourdough at altitude");
      await mount(`<porch-chat title-badge></porch-chat>`);
      await chat.open();
      await until(() => backend.framesOf("list").length, "connected");
      const visitorId = localStorage.getItem("porch:visitorId")!;
      await hidden(async () => {
        backend.reply(visitorId, "one");
        await until(() => document.title === `(1) New reply · ${title}`, "badge");
        backend.reply(visitorId, "two");
        await until(() => document.title === `(2) New reply · ${title}`, "badge counts");
      });
      await until(() => document.title === title, "restored once the tab shows");
    });

    it("changes no title without title-badge, and chimes with sound, creating no audio before a reply", async () => {
      const title = document.title;
      await mount(`<porch-chat sound></porch-chat>`);
      await chat.open();
      await until(() => backend.framesOf("list").length, "connected");
      expect(inner().attention?.audio).to.equal(undefined, "nothing on load");
      await chat.close();
      await hidden(async () => {
        backend.reply(localStorage.getItem("porch:visitorId")!, "ding");
        await until(() => inner().attention?.chimes === 1, "a chime");
        expect(document.title).to.equal(title);
      });
      expect(inner().attention!.audio).to.be.instanceOf(AudioContext);
    });
  });

  describe("the header's details button (intro)", () => {
    it("is visible, at least 24 px square, and opens the form", async () => {
      await mount(`<porch-chat intro></porch-chat>`);
      await chat.open();
      view().querySelector("porch-intro")!.shadowRoot!.querySelector<HTMLButtonElement>("button[type=button]")!.click();
      await until(() => !view().querySelector("porch-intro"), "skipped");
      const button = view().querySelector<HTMLButtonElement>("button.details")!;
      const box = button.getBoundingClientRect();
      expect(box.width).to.be.at.least(24);
      expect(box.height).to.be.at.least(24);
      expect(getComputedStyle(button).clipPath).to.equal("none");
      expect(button.getAttribute("aria-label")).to.equal("Your name and email");
      expect(button.title, "a tooltip says what the person icon is").to.equal("Your name and email");
      const close = panel().shadowRoot!.querySelector<HTMLButtonElement>(".close")!;
      expect(close.title).to.equal(close.getAttribute("aria-label"));
      button.click();
      await until(() => view().querySelector("porch-intro"), "the form again");
    });

    it("shapes every rounded control from --porch-radius", async () => {
      await mount(`<porch-chat intro style="--porch-radius: 0px"></porch-chat>`);
      await chat.open();
      await until(() => view().querySelector("porch-intro"), "the form");
      const deep = (root: ParentNode): Element[] =>
        [...root.querySelectorAll("*")].flatMap((element) => [element, ...(element.shadowRoot ? deep(element.shadowRoot) : [])]);
      const controls = deep(chat.shadowRoot!).filter((element) => /^(BUTTON|INPUT|TEXTAREA)$/.test(element.tagName));
      expect(controls.length).to.be.above(4);
      const rounded = controls.filter((control) => getComputedStyle(control).borderTopLeftRadius !== "0px");
      expect(rounded.map((control) => control.className || control.tagName)).to.deep.equal([]);
    });
  });

  describe("accessibility (axe-core, target size, contrast of controls)", () => {
    before(() => emulateMedia({ reducedMotion: "reduce" }));
    after(() => emulateMedia({ reducedMotion: "no-preference" }));

    /** Every state a visitor sees, each set up from a fresh mount. */
    const states: Record<string, (theme: string) => Promise<void>> = {
      "closed, with an unread reply": async (theme) => {
        returningVisitor({ from: "owner", text: "Hi", sentAt: Date.now() });
        await mount(`<porch-chat theme=${theme}></porch-chat>`);
        await until(() => chat.unread === 1, "badge");
      },
      "open: two days, a named owner online, a reply, Seen, typing, a new-message marker": async (theme) => {
        backend.ownerProfile = { name: "Marta Lindqvist", avatar: null, replyTime: "Usually replies within a few hours" };
        const visitorId = returningVisitor(
          ...Array.from({ length: 30 }, (_, n) => ({
            from: n % 3 ? ("visitor" as const) : ("owner" as const),
            text: `message ${n}, see https://example.com/${n}`,
            sentAt: Date.now() - (n < 10 ? 86_400_000 : 0) - (30 - n) * 1000,
          })),
        );
        backend.ownerSeenUpTo = messageId(29);
        await mount(`<porch-chat theme=${theme} intro></porch-chat>`);
        await chat.open();
        await until(() => listRoot().querySelector(`li[data-id="${messageId(29)}"]`), "history");
        part("messages").scrollTop = 0;
        part("messages").dispatchEvent(new Event("scroll"));
        backend.reply(visitorId, "a reply below");
        backend.ownerTypes(visitorId);
        await until(() => listRoot().querySelector("button.new") && listRoot().querySelector(".typing"), "marker and typing");
      },
      "the owner away, with the away text and reply-time line": async (theme) => {
        backend.owner = { online: false, lastSeenAt: Date.now() - 7_200_000 };
        backend.ownerProfile = { name: "Marta", avatar: null, replyTime: "Usually replies within a day" };
        await mount(`<porch-chat theme=${theme}></porch-chat>`);
        await chat.open();
        await until(() => panel().note, "reply-time line");
      },
      "the intro form": async (theme) => {
        await mount(`<porch-chat theme=${theme} intro></porch-chat>`);
        await chat.open();
        await until(() => backend.framesOf("hello").length, "hello");
      },
      "a message too long": async (theme) => {
        await mount(`<porch-chat theme=${theme}></porch-chat>`);
        await chat.open();
        const field = part("input") as HTMLTextAreaElement;
        field.value = "x".repeat(limits.textMaxChars + 5);
        field.dispatchEvent(new Event("input"));
        await until(() => view().querySelector("porch-composer")!.shadowRoot!.querySelector(".over"), "too long");
      },
      "offline, with messages waiting": async (theme) => {
        await mount(`<porch-chat theme=${theme}></porch-chat>`);
        await chat.open();
        await until(() => backend.open.length, "connected");
        backend.refuse = true;
        backend.dropAll();
        await until(() => panel().status.includes("Reconnecting"), "offline");
        await typeAndSend("waiting for the network");
        await until(() => listRoot().querySelector("li.pending"), "pending");
      },
      "the email offer in one line, after the first message while the owner is away": async (theme) => {
        backend.emailReplies = { enabled: true, unsubscribed: false };
        backend.owner = { online: false, lastSeenAt: Date.now() - 60_000 };
        await mount(`<porch-chat theme=${theme}></porch-chat>`);
        await chat.open();
        await typeAndSend("Is the course still open?");
        await until(() => view().querySelector("porch-email-offer")?.shadowRoot?.querySelector("input"), "the offer");
      },
      "an address waiting for its recipient's confirmation": async (theme) => {
        const visitorId = returningVisitor({ from: "visitor", text: "Hello", sentAt: Date.now() });
        backend.profiles.set(visitorId, { email: "ada@example.com" });
        backend.emailReplies = { enabled: true, unsubscribed: false };
        await mount(`<porch-chat theme=${theme}></porch-chat>`);
        await chat.open();
        await until(() => view().querySelector("porch-email-offer")?.shadowRoot?.textContent?.includes("Check your inbox"), "the line");
      },
      "the question before opening a link's conversation": async (theme) => {
        returningVisitor({ from: "visitor", text: "Hello", sentAt: Date.now() });
        backend.resumeTokens.set("another", "5f0c6d2e-7b1a-4c3e-9a8d-2e4f6a8b0c1e");
        history.replaceState(history.state, "", `${location.pathname}${location.search}#porch-resume=another`);
        await mount(`<porch-chat theme=${theme}></porch-chat>`);
        await until(() => view().querySelector(".notice"), "the question");
      },
      "another conversation on this device, a click away": async (theme) => {
        returningVisitor({ from: "visitor", text: "Hello", sentAt: Date.now() });
        localStorage.setItem("porch:previousVisitorId", "5f0c6d2e-7b1a-4c3e-9a8d-2e4f6a8b0c1e");
        await mount(`<porch-chat theme=${theme}></porch-chat>`);
        await chat.open();
        await until(() => view().querySelector(".notice"), "the way back");
      },
      "a consent-first site's notice, with its privacy link": async (theme) => {
        await mount(`<porch-chat theme=${theme} consent privacy-url="https://example.com/privacy"></porch-chat>`);
        await chat.open();
        await until(() => view().querySelector("porch-consent")?.shadowRoot?.querySelector("a"), "the notice");
      },
      "messages refused after a rate limit": async (theme) => {
        await mount(`<porch-chat theme=${theme}></porch-chat>`);
        await chat.open();
        backend.failNext.push({ action: "send", code: "rate_limited" }, { action: "send", code: "rate_limited" });
        await typeAndSend("too");
        await typeAndSend("fast");
        await until(() => listRoot().querySelectorAll("li.failed").length === 2, "failed");
      },
    };

    for (const theme of ["light", "dark"]) {
      for (const [state, setUp] of Object.entries(states)) {
        it(`has no serious violation, no target under 24 px and no faint control: ${state}, ${theme}`, async () => {
          await setUp(theme);
          await settled();
          await expectAccessible(chat, `${state}, ${theme}`);
        });
      }
      for (const state of [
        "open: two days, a named owner online, a reply, Seen, typing, a new-message marker",
        "the email offer in one line, after the first message while the owner is away",
        "an address waiting for its recipient's confirmation",
        "the question before opening a link's conversation",
        "another conversation on this device, a click away",
        "a consent-first site's notice, with its privacy link",
      ]) {
        it(`has none full screen on a phone either (390×844): ${state}, ${theme}`, async () => {
          await setViewport({ width: 390, height: 844 });
          try {
            await states[state]!(theme);
            await settled();
            await expectAccessible(chat, `phone, ${state}, ${theme}`);
          } finally {
            await setViewport({ width: 1280, height: 800 });
          }
        });
      }
    }
  });
});

describe("porch-chat reply emails", () => {
  const offer = () => view().querySelector("porch-email-offer");
  const offerText = () => offer()?.shadowRoot!.textContent?.replace(/\s+/g, " ").trim() ?? "";
  const offerButton = (label: string) =>
    [...offer()!.shadowRoot!.querySelectorAll("button")].find((button) => button.textContent.trim() === label)!;

  it("says nothing of email where the site does not send it: no offer, no promise in the intro", async () => {
    backend.owner = { online: false, lastSeenAt: null };
    await mount(`<porch-chat intro></porch-chat>`);
    await chat.open();
    await until(() => backend.framesOf("hello").length, "hello");
    await settled();
    const intro = view().querySelector("porch-intro")!;
    await intro.updateComplete;
    expect(intro.shadowRoot!.textContent).to.not.contain("hear back");
    intro.shadowRoot!.querySelector<HTMLButtonElement>("button[type=button]")!.click();
    await until(() => parts("input").length, "composer");
    await typeAndSend("Anyone there?");
    await until(() => backend.messages.length, "sent");
    await settled();
    expect(offer()).to.equal(null);
  });

  it("keeps the intro's promise where the site emails replies", async () => {
    backend.emailReplies = { enabled: true, unsubscribed: false };
    await mount(`<porch-chat intro></porch-chat>`);
    await chat.open();
    await until(() => backend.framesOf("hello").length, "hello");
    const intro = view().querySelector("porch-intro")!;
    await until(() => intro.shadowRoot!.textContent.includes("hear back when you're not on this page"), "the intro's promise");
  });

  /** A visitor whose first message went out while the owner is away. */
  async function wroteWhileAway() {
    backend.emailReplies = { enabled: true, unsubscribed: false };
    backend.owner = { online: false, lastSeenAt: null };
    await mount();
    await chat.open();
    await until(() => backend.framesOf("hello").length, "hello");
    await settled();
    expect(offerText(), "nothing was written yet").to.equal("");
    await typeAndSend("Is the course still open?");
    await until(() => offerText().includes("Email me"), "the offer");
  }

  it("asks in one line after the first message while the owner is away, then says to confirm, with change and remove", async () => {
    await wroteWhileAway();
    expect(offer()!.getBoundingClientRect().height, "one line").to.be.below(48);
    const field = offer()!.shadowRoot!.querySelector("input")!;
    expect(field.getAttribute("aria-label")).to.equal("Get the reply by email");
    expect(await seriousViolations(chat)).to.deep.equal([]);

    field.value = "ada@example.com";
    offerButton("Email me").click();
    await until(() => backend.framesOf("register").length, "register");
    expect(backend.framesOf("register")[0]).to.include({ email: "ada@example.com" });
    expect(backend.framesOf("register")[0]).to.not.have.property("nickname");
    await until(() => offerText().includes("Check your inbox to confirm ada@example.com."), "waiting for its confirmation");
    expect(deepActive()).to.equal(part("input"));
    expect(await seriousViolations(chat)).to.deep.equal([]);

    // Its recipient confirms it (the email's link): the next hello says so.
    backend.confirmed.add(localStorage.getItem("porch:visitorId")!);
    backend.dropAll();
    await until(() => offerText().includes("Replies you miss are emailed to ada@example.com."), "confirmed");

    offerButton("Change").click();
    await until(() => offer()!.shadowRoot!.querySelector("input"), "the form again");
    const again = offer()!.shadowRoot!.querySelector("input")!;
    expect(again.value).to.equal("ada@example.com");
    again.value = "ada@lovelace.example";
    offerButton("Email me").click();
    await until(() => offerText().includes("Check your inbox to confirm ada@lovelace.example."), "another address, to confirm");

    offerButton("Remove").click();
    await until(() => backend.framesOf("register").length === 3, "register (remove)");
    expect(backend.framesOf("register")[2]).to.include({ email: "" });
    await until(() => offerText() === "", "nothing: removing it declined the offer");
  });

  it("asks only while the owner is away, and never before the first message", async () => {
    backend.emailReplies = { enabled: true, unsubscribed: false };
    await mount();
    await chat.open();
    await typeAndSend("Hello!");
    await until(() => backend.messages.length, "sent");
    await settled();
    expect(offerText(), "the owner is online").to.equal("");
    backend.presence(false);
    await until(() => offerText().includes("Email me"), "the owner left: the offer");
    backend.presence(true);
    await until(() => offerText() === "", "the owner is back: no offer");
  });

  it("says why an address was refused next to it, not twice", async () => {
    backend.failNext.push({ action: "register", code: "bad_request" });
    await wroteWhileAway();
    offer()!.shadowRoot!.querySelector("input")!.value = "ada@example.com";
    offerButton("Email me").click();
    await until(() => offer()!.shadowRoot!.querySelector(".problem"), "the reason");
    expect(offer()!.shadowRoot!.querySelector(".problem")!.textContent).to.equal("That couldn't be sent. Please check it and try again.");
    expect(view().querySelector(".problem"), "not in the panel's problem line too").to.equal(null);
    offerButton("Email me").click();
    await until(() => offerText().includes("Check your inbox to confirm ada@example.com."), "saved on a second try");
  });

  it("never asks again once declined, even after a reload", async () => {
    await wroteWhileAway();
    offerButton("No thanks").click();
    await until(() => offerText() === "", "declined");
    expect(deepActive()).to.equal(part("input"));
    expect(backend.framesOf("register")).to.have.length(0);

    chat.parentElement!.remove();
    await mount();
    await chat.open();
    await until(() => backend.framesOf("hello").length === 2, "hello again");
    await typeAndSend("Hello?");
    await until(() => backend.messages.length === 2, "sent");
    await settled();
    expect(offerText()).to.equal("");
  });

  it("says when the address was unsubscribed, and asks to confirm it again on request", async () => {
    const visitorId = "0b7a3f1e-9c11-4f43-9d53-8d3c1c521a6f";
    localStorage.setItem("porch:visitorId", visitorId);
    localStorage.setItem("porch:started", "1");
    backend.profiles.set(visitorId, { email: "ada@example.com" });
    backend.emailReplies = { enabled: true, unsubscribed: true };
    await mount();
    await chat.open();
    await until(() => offerText().includes("Emails to ada@example.com are stopped."), "the stopped address");
    expect(await seriousViolations(chat)).to.deep.equal([]);
    offerButton("Email me again").click();
    await until(() => backend.framesOf("register").length, "register");
    expect(backend.framesOf("register")[0]).to.include({ visitorId, email: "ada@example.com" });
    await until(() => offerText().includes("Check your inbox to confirm ada@example.com."), "to confirm again");
  });

  it("leaves an unsubscribe as it is when the visitor saves a new name in the intro form", async () => {
    const visitorId = "0b7a3f1e-9c11-4f43-9d53-8d3c1c521a70";
    localStorage.setItem("porch:visitorId", visitorId);
    localStorage.setItem("porch:started", "1");
    backend.profiles.set(visitorId, { email: "ada@example.com" });
    backend.emailReplies = { enabled: true, unsubscribed: true };
    await mount(`<porch-chat intro></porch-chat>`);
    await chat.open();
    await until(() => offerText().includes("are stopped"), "the stopped address");
    view().querySelector<HTMLButtonElement>("button.details")!.click();
    await until(() => view().querySelector("porch-intro"), "the intro form");
    const intro = view().querySelector("porch-intro")!;
    await intro.updateComplete;
    expect(intro.shadowRoot!.querySelector<HTMLInputElement>("input[name=email]")!.value).to.equal("ada@example.com");
    intro.shadowRoot!.querySelector<HTMLInputElement>("input[name=nickname]")!.value = "Ada";
    intro.shadowRoot!.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
    await until(() => backend.framesOf("register").length, "register");
    expect(backend.framesOf("register")[0]).to.include({ nickname: "Ada" });
    expect(backend.framesOf("register")[0]).to.not.have.property("email");
    await until(() => offerText().includes("are stopped"), "still stopped");
  });

  it("sends the page each message is written on, without its query or fragment", async () => {
    await mount();
    await chat.open();
    await typeAndSend("From this page");
    await until(() => backend.framesOf("send").length, "send");
    expect(backend.framesOf("send")[0]!.page).to.equal(location.origin + location.pathname);
  });
});

describe("porch-chat opened from a reply email's link", () => {
  const resumedId = "5f0c6d2e-7b1a-4c3e-9a8d-2e4f6a8b0c1d";
  let pageUrl: string;

  beforeEach(() => {
    pageUrl = location.href;
  });

  afterEach(() => {
    history.replaceState(history.state, "", pageUrl);
  });

  function openLink(token: string) {
    history.replaceState(history.state, "", `${location.pathname}${location.search}#porch-resume=${token}`);
  }

  const ownId = "1d2c3b4a-0000-4000-8000-000000000001";
  const question = () => view().querySelector(".notice")?.textContent?.replace(/\s+/g, " ").trim() ?? "";
  const noticeButton = (label: string) =>
    [...view().querySelectorAll<HTMLButtonElement>(".notice button")].find((button) => button.textContent.trim() === label)!;

  /** The link's conversation: the visitor's question and the owner's reply. */
  function linkedConversation() {
    backend.resumeTokens.set("tok3n_Valid-1", resumedId);
    backend.messages.push(
      {
        id: "3c1e0d9a-1111-4aaa-8bbb-000000000001",
        visitorId: resumedId,
        from: "visitor",
        text: "Is the course still open?",
        sentAt: Date.now() - 60_000,
      },
      {
        id: "3c1e0d9a-2222-4aaa-8bbb-000000000002",
        visitorId: resumedId,
        from: "owner",
        text: "Yes, until Friday!",
        sentAt: Date.now() - 1000,
      },
    );
  }

  /** This browser's own conversation, with a message. */
  function ownConversation() {
    localStorage.setItem("porch:visitorId", ownId);
    localStorage.setItem("porch:started", "1");
    backend.messages.push({ id: messageId(900), visitorId: ownId, from: "visitor", text: "My own question", sentAt: Date.now() - 5000 });
  }

  it("takes the token out of the address bar, follows that conversation and opens the panel at the reply", async () => {
    linkedConversation();
    openLink("tok3n_Valid-1");
    await mount();
    expect(location.hash, "the token left the address bar at once").to.equal("");
    expect(location.href).to.equal(pageUrl.split("#")[0]);
    await until(() => chat.isOpen, "the panel open");
    await until(() => bubbleTexts().some((text) => text?.includes("Yes, until Friday!")), "the reply");
    expect(localStorage.getItem("porch:visitorId")).to.equal(resumedId);
    expect(backend.framesOf("resume")[0]).to.include({ token: "tok3n_Valid-1" });
    expect(backend.framesOf("hello").map((frame) => frame.visitorId)).to.deep.equal([resumedId]);
    await until(() => backend.framesOf("seen").length, "the reply said seen");
    expect(backend.framesOf("seen")[0]).to.include({ visitorId: resumedId, upTo: "3c1e0d9a-2222-4aaa-8bbb-000000000002" });
    expect(question(), "nothing to ask: the browser had no conversation").to.equal("");
  });

  it("asks before leaving the browser's own conversation for the link's, and keeps the one it leaves a click away", async () => {
    linkedConversation();
    ownConversation();
    openLink("tok3n_Valid-1");
    await mount();
    await until(() => chat.isOpen, "the panel open");
    await until(() => question().includes("Open the conversation from your email?"), "the question");
    await until(() => bubbleTexts().some((text) => text?.includes("My own question")), "still the browser's own conversation");
    expect(localStorage.getItem("porch:visitorId"), "nothing switched yet").to.equal(ownId);
    expect(backend.framesOf("hello").map((frame) => frame.visitorId)).to.deep.equal([ownId]);
    expect(await seriousViolations(chat)).to.deep.equal([]);

    noticeButton("Open it").click();
    await until(() => bubbleTexts().some((text) => text?.includes("Yes, until Friday!")), "the link's conversation");
    expect(
      bubbleTexts().some((text) => text?.includes("My own question")),
      "the other one is not shown",
    ).to.equal(false);
    expect(localStorage.getItem("porch:visitorId")).to.equal(resumedId);
    expect(localStorage.getItem("porch:previousVisitorId")).to.equal(ownId);
    expect(
      backend.open.every((socket) => socket.visitorId !== ownId),
      "no socket follows the one it left",
    ).to.equal(true);
    await until(() => question().includes("You have another conversation on this device."), "the way back");

    noticeButton("Switch").click();
    await until(() => bubbleTexts().some((text) => text?.includes("My own question")), "back to its own");
    expect(localStorage.getItem("porch:visitorId")).to.equal(ownId);
    expect(localStorage.getItem("porch:previousVisitorId")).to.equal(resumedId);
  });

  it("stays with the browser's own conversation when the visitor says so", async () => {
    linkedConversation();
    ownConversation();
    openLink("tok3n_Valid-1");
    await mount();
    await until(() => question().includes("Open the conversation from your email?"), "the question");
    noticeButton("Stay here").click();
    await until(() => question() === "", "no question, and no way to the link's conversation");
    expect(localStorage.getItem("porch:visitorId")).to.equal(ownId);
    expect(localStorage.getItem("porch:previousVisitorId")).to.equal(null);
    expect(backend.framesOf("hello").map((frame) => frame.visitorId)).to.deep.equal([ownId]);
  });

  it("keeps the visitor's own conversation when the link is refused", async () => {
    const ownId = "1d2c3b4a-0000-4000-8000-000000000002";
    localStorage.setItem("porch:visitorId", ownId);
    localStorage.setItem("porch:started", "1");
    backend.resumeTokens.set("stale", { code: "expired" });
    openLink("stale");
    await mount();
    await until(() => view().querySelector(".problem")?.textContent?.includes("has expired"), "why");
    await until(() => backend.framesOf("hello").length, "hello");
    expect(backend.framesOf("hello")[0]!.visitorId).to.equal(ownId);
    expect(localStorage.getItem("porch:visitorId")).to.equal(ownId);
  });

  for (const [code, sentence] of [
    ["expired", "has expired"],
    ["unauthorized", "isn't complete"],
    ["not_found", "no longer exists"],
  ] as const) {
    it(`says why a link that is refused (${code}) did not open, and changes nothing`, async () => {
      backend.resumeTokens.set("refused", { code });
      openLink("refused");
      await mount();
      await until(() => chat.isOpen, "the panel open");
      await until(() => view().querySelector(".problem")?.textContent?.includes(sentence), sentence);
      expect(location.hash).to.equal("");
      expect(localStorage.getItem("porch:visitorId"), "no identity was made").to.equal(null);
      expect(localStorage.getItem("porch:started")).to.equal(null);
      expect(backend.framesOf("hello")).to.have.length(0);
      expect(await seriousViolations(chat)).to.deep.equal([]);
    });
  }
});

describe("porch-chat conversation menu", () => {
  const menuButton = () => view().querySelector<HTMLButtonElement>("button[aria-expanded]");
  const menu = () => view().querySelector("porch-conversation-menu");
  const menuButtonLabelled = (label: string) =>
    [...menu()!.shadowRoot!.querySelectorAll("button")].find((button) => button.textContent.trim() === label)!;

  async function openMenu() {
    await until(() => menuButton(), "the menu button");
    menuButton()!.click();
    await until(() => menu()?.shadowRoot?.querySelector("button"), "the menu");
    await menu()!.updateComplete;
  }

  it("is offered only once there is a conversation, and loads on first use", async () => {
    await mount();
    await chat.open();
    await until(() => backend.framesOf("hello").length, "hello");
    await settled();
    expect(menuButton(), "nothing to download or delete yet").to.equal(null);
    expect(customElements.get("porch-conversation-menu"), "not loaded before it is used").to.equal(undefined);
    await typeAndSend("Hello there");
    await openMenu();
    expect(customElements.get("porch-conversation-menu")).to.not.equal(undefined);
    expect(menuButton()!.getAttribute("aria-expanded")).to.equal("true");
    expect(menu()!.shadowRoot!.textContent).to.contain("Conversations are kept for 365 days after the last message.");
  });

  it("downloads every page of the conversation as a text file made in the browser", async () => {
    backend.ownerProfile = { name: "Marta", avatar: null, replyTime: null };
    // More than one page of `list` (the fake backend's page is 50 messages, as the backend's).
    const count = 57;
    const messages = Array.from({ length: count }, (_, n) => ({
      from: n % 3 === 2 ? ("owner" as const) : ("visitor" as const),
      text: `Line ${n}`,
      sentAt: Date.UTC(2026, 0, 1) + n * 60_000,
    }));
    returningVisitor(...messages);
    await mount();
    await chat.open();
    await openMenu();
    const saved = new Promise<{ name: string; text: string }>((resolve) => {
      const original = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        HTMLAnchorElement.prototype.click = original;
        void fetch(this.href)
          .then((response) => response.text())
          .then((text) => resolve({ name: this.download, text }));
      };
    });
    menuButtonLabelled("Download this conversation").click();
    const { name, text } = await saved;
    expect(name).to.equal("conversation.txt");
    const lines = text.split("\n").filter((line) => line.startsWith("["));
    expect(lines.length, "every page, not only the first").to.equal(count);
    expect(lines[0]).to.match(/\] You: Line 0$/);
    expect(lines[2]).to.match(/\] Marta: Line 2$/);
    expect(lines.at(-1)).to.match(new RegExp(`Line ${count - 1}$`));
    expect(backend.framesOf("list").length).to.be.greaterThan(1);
  });

  it("deletes after a confirmation: erase, the browser's id forgotten, a new one for what follows", async () => {
    const visitorId = returningVisitor({ from: "visitor", text: "Please forget me", sentAt: Date.now() - 60_000 });
    localStorage.setItem("porch:readAt", "1");
    await mount();
    await chat.open();
    await until(() => bubbleTexts().some((t) => t?.includes("Please forget me")), "the history");
    await openMenu();
    menuButtonLabelled("Delete this conversation").click();
    await menu()!.updateComplete;
    expect(backend.framesOf("erase").length, "nothing is erased before the confirmation").to.equal(0);
    expect(menu()!.shadowRoot!.querySelector('[role="alertdialog"]')!.textContent).to.contain("Delete this conversation for good?");
    menuButtonLabelled("Delete").click();
    await until(() => backend.framesOf("erase").length && !menu(), "erased");
    await until(() => parts("messages")[0]?.shadowRoot?.textContent?.includes("Your conversation was deleted."), "said");
    expect(bubbleTexts().some((t) => t?.includes("Please forget me"))).to.equal(false);
    expect(backend.messages.filter((m) => m.visitorId === visitorId)).to.deep.equal([]);
    expect(localStorage.getItem("porch:started")).to.equal(null);
    expect(localStorage.getItem("porch:readAt")).to.equal(null);
    const newId = localStorage.getItem("porch:visitorId");
    expect(newId).to.be.a("string").and.not.equal(visitorId);
    await typeAndSend("A fresh start");
    await until(() => backend.messages.some((m) => m.text === "A fresh start"), "sent");
    expect(backend.messages.find((m) => m.text === "A fresh start")!.visitorId).to.equal(newId);
  });

  it("keeps everything when the delete is cancelled or refused, and says why", async () => {
    const visitorId = returningVisitor({ from: "visitor", text: "Keep me", sentAt: Date.now() - 60_000 });
    await mount();
    await chat.open();
    await openMenu();
    menuButtonLabelled("Delete this conversation").click();
    await menu()!.updateComplete;
    menuButtonLabelled("Cancel").click();
    await menu()!.updateComplete;
    expect(menuButtonLabelled("Delete this conversation")).to.not.equal(undefined);
    backend.failNext.push({ action: "erase", code: "internal" });
    menuButtonLabelled("Delete this conversation").click();
    await menu()!.updateComplete;
    menuButtonLabelled("Delete").click();
    await until(() => menu()!.shadowRoot!.querySelector('[role="alert"]'), "the refusal said");
    expect(menu()!.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain("Something went wrong");
    expect(localStorage.getItem("porch:visitorId")).to.equal(visitorId);
    expect(bubbleTexts().some((t) => t?.includes("Keep me"))).to.equal(true);
  });

  it("closes on Escape without closing the panel, and gives focus back to its button", async () => {
    returningVisitor({ from: "visitor", text: "Hi", sentAt: Date.now() - 60_000 });
    await mount();
    await chat.open();
    await openMenu();
    menuButtonLabelled("Download this conversation").focus();
    await sendKeys({ press: "Escape" });
    await until(() => !menu(), "the menu closed");
    expect(chat.isOpen).to.equal(true);
    expect(deepActive()).to.equal(menuButton());
  });

  for (const theme of ["light", "dark"]) {
    for (const [viewport, size] of [
      ["desktop", { width: 1280, height: 800 }],
      ["phone", { width: 390, height: 844 }],
    ] as const) {
      it(`has no serious violation in the menu and its confirmation: ${viewport}, ${theme}`, async () => {
        await setViewport(size);
        try {
          returningVisitor({ from: "visitor", text: "Hi", sentAt: Date.now() - 60_000 });
          await mount(`<porch-chat theme=${theme}></porch-chat>`);
          await chat.open();
          await openMenu();
          await expectAccessible(chat, `menu, ${viewport}, ${theme}`);
          menuButtonLabelled("Delete this conversation").click();
          await menu()!.updateComplete;
          await expectAccessible(chat, `confirmation, ${viewport}, ${theme}`);
        } finally {
          await setViewport({ width: 1280, height: 800 });
        }
      });
    }
  }

  it("is laid out right to left on a right-to-left page", async () => {
    document.documentElement.dir = "rtl";
    try {
      returningVisitor({ from: "visitor", text: "Hi", sentAt: Date.now() - 60_000 });
      await mount();
      await chat.open();
      await openMenu();
      const box = menu()!.getBoundingClientRect();
      const download = menuButtonLabelled("Download this conversation").getBoundingClientRect();
      expect(box.right - download.right, "the first button starts on the right").to.be.lessThan(download.left - box.left);
      await expectAccessible(chat, "menu, rtl");
    } finally {
      document.documentElement.dir = "";
    }
  });
});

describe("porch-chat on a consent-first site", () => {
  const notice = () => chat.shadowRoot!.querySelector("porch-visitor-chat")?.shadowRoot!.querySelector("porch-consent") ?? null;
  const noticeButton = (label: string) =>
    [...notice()!.shadowRoot!.querySelectorAll("button")].find((button) => button.textContent.trim() === label)!;
  /** Everything a page can store: nothing of it may be written before Accept. */
  const storedAnything = async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    cookies: document.cookie,
    indexedDB: (await indexedDB.databases()).length,
  });
  const nothingStored = { localStorage: 0, sessionStorage: 0, cookies: "", indexedDB: 0 };

  beforeEach(() => sessionStorage.clear());

  it("asks first on open, and stores and connects nothing before Accept; Accept is remembered and the chat starts", async () => {
    await mount("<porch-chat endpoint='wss://example.test/chat' consent privacy-url='/privacy.html' intro></porch-chat>");
    part("launcher").click();
    await until(() => notice()?.shadowRoot?.querySelector("button"), "the notice");
    expect(chat.isOpen).to.equal(true);
    expect(notice()!.getAttribute("part")).to.equal("panel");
    expect(notice()!.shadowRoot!.querySelector("[role=dialog]")!.textContent).to.include("Nothing is stored or sent until you accept.");
    const link = notice()!.shadowRoot!.querySelector("a")!;
    expect(link.href).to.equal(new URL("/privacy.html", location.href).href);
    expect(link.rel).to.equal("noopener");
    expect(view().querySelector("porch-composer, porch-intro")).to.equal(null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await storedAnything()).to.deep.equal(nothingStored);
    expect(backend.sockets).to.have.length(0);

    noticeButton("Accept").click();
    await until(() => backend.framesOf("hello").length, "hello");
    expect(localStorage.getItem("porch:consent")).to.equal("1");
    expect(localStorage.getItem("porch:visitorId")).to.match(/^[0-9a-f-]{36}$/);
    // The chat starts as it would have without consent: here with the intro form, focused.
    await until(() => view().querySelector("porch-intro")?.shadowRoot?.querySelector("input"), "the intro");
    expect(notice()).to.equal(null);
    expect(deepActive()?.getAttribute("name")).to.equal("nickname");

    // A later page: no notice, the panel opens at once.
    chat.parentElement!.remove();
    await mount("<porch-chat endpoint='wss://example.test/chat' consent></porch-chat>");
    await chat.open();
    expect(notice()).to.equal(null);
    expect(deepActive()).to.equal(part("input"));
  });

  it("closes to the launcher on Not now, writing nothing, and asks again on the next open", async () => {
    await mount("<porch-chat endpoint='wss://example.test/chat' consent></porch-chat>");
    part("launcher").click();
    await until(() => notice()?.shadowRoot?.querySelector("button"), "the notice");
    // No privacy-url: no link.
    expect(notice()!.shadowRoot!.querySelector("a")).to.equal(null);
    noticeButton("Not now").click();
    await until(() => !chat.isOpen, "closed");
    await settled();
    expect(notice()).to.equal(null);
    expect(deepActive()).to.equal(part("launcher"));
    expect(await storedAnything()).to.deep.equal(nothingStored);

    part("launcher").click();
    await until(() => notice()?.shadowRoot?.querySelector("button"), "asked again");
    await sendKeys({ press: "Escape" });
    await until(() => !chat.isOpen, "closed by Escape");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await storedAnything()).to.deep.equal(nothingStored);
    expect(backend.sockets).to.have.length(0);
  });

  it("does not connect for what an earlier page stored before the site asked consent, until Accept", async () => {
    returningVisitor({ from: "owner", text: "Reply while you were away", sentAt: Date.now() });
    localStorage.setItem("porch:unsent", JSON.stringify([{ id: messageId(9), text: "waiting" }]));
    await mount("<porch-chat endpoint='wss://example.test/chat' consent></porch-chat>");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(backend.sockets).to.have.length(0);
    await chat.open();
    expect(notice()).to.not.equal(null);
    noticeButton("Accept").click();
    await until(() => backend.framesOf("hello").length, "hello, after Accept");
    expect(backend.framesOf("hello")[0]!.visitorId).to.equal(returningId);
  });

  it("takes its words from strings, and an unsafe privacy-url gives no link", async () => {
    await mount(
      `<porch-chat endpoint='wss://example.test/chat' consent privacy-url="javascript:alert(1)" strings='{"consentText":"Wir speichern nichts ohne Ihr Ja.","consentAccept":"Ja"}'></porch-chat>`,
    );
    await chat.open();
    await until(() => notice()?.shadowRoot?.querySelector("button"), "the notice");
    expect(notice()!.shadowRoot!.textContent).to.include("Wir speichern nichts ohne Ihr Ja.");
    expect(noticeButton("Ja")).to.not.equal(undefined);
    expect(notice()!.shadowRoot!.querySelector("a")).to.equal(null);
  });

  it("reads right to left in a right-to-left page, and stays accessible there", async () => {
    document.documentElement.dir = "rtl";
    try {
      await mount("<porch-chat endpoint='wss://example.test/chat' consent privacy-url='/privacy.html'></porch-chat>");
      await chat.open();
      await until(() => notice()?.shadowRoot?.querySelector("button"), "the notice");
      const [first, second] = notice()!.shadowRoot!.querySelectorAll("button");
      // The answers sit at the inline end: in right to left, Accept (second) is left of Not now.
      expect(second!.getBoundingClientRect().right).to.be.at.most(first!.getBoundingClientRect().left);
      await expectAccessible(chat, "consent notice, rtl");
    } finally {
      document.documentElement.dir = "";
    }
  });
});
