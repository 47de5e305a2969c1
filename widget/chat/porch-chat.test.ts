/// <reference types="mocha" />
import { sendKeys, setViewport } from "@web/test-runner-commands";
import { expect } from "chai";
import { seriousViolations } from "../test/axe.ts";
import { FakeBackend, until } from "../test/fake-backend.ts";
import { deepActive } from "../test/dom.ts";
import "./porch-chat.ts";
import type { PorchChat } from "./porch-chat.ts";

let backend: FakeBackend;
let chat: PorchChat;

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

async function mount(html = "<porch-chat endpoint='wss://example.test/chat'></porch-chat>"): Promise<PorchChat> {
  const holder = document.createElement("div");
  holder.innerHTML = html;
  document.body.append(holder);
  chat = holder.querySelector("porch-chat")!;
  await chat.updateComplete;
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
      localStorage.setItem("porch:visitorId", "8d3c1c52-1a6f-4f43-9d53-0b7a3f1e9c11");
      localStorage.setItem("porch:started", "1");
      backend.messages.push({
        id: "m1",
        visitorId: "8d3c1c52-1a6f-4f43-9d53-0b7a3f1e9c11",
        from: "owner",
        text: "Reply while you were away",
        sentAt: Date.now(),
      });
      const unread: number[] = [];
      document.addEventListener("porch-unread", (e) => unread.push(e.detail.count), { once: true });
      await mount();
      await until(() => unread.length, "porch-unread");
      expect(unread).to.deep.equal([1]);
      expect(backend.framesOf("hello")[0]!.visitorId).to.equal("8d3c1c52-1a6f-4f43-9d53-0b7a3f1e9c11");
      await chat.updateComplete;
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
      await chat.updateComplete;
      expect(chat.isOpen).to.equal(false);
      expect(deepActive()).to.equal(part("launcher"));
    });

    it("is usable from the keyboard alone: Enter on the launcher opens, Tab reaches send", async () => {
      await mount();
      part("launcher").focus();
      await sendKeys({ press: "Enter" });
      await until(() => chat.isOpen, "open");
      await chat.updateComplete;
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
        await chat.updateComplete;
        const panel = chat.shadowRoot!.querySelector("porch-panel")!;
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
      await chat.updateComplete;
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
      await until(() => chat.shadowRoot!.querySelector("porch-panel")!.status.includes("Reconnecting"), "offline status");
      await typeAndSend("first while offline");
      await typeAndSend("second while offline");
      await chat.updateComplete;
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
      await chat.updateComplete;
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

    it("shows a server refusal in words and resends under the same id on retry", async () => {
      await mount();
      await chat.open();
      backend.failNext.push({ action: "send", code: "rate_limited" });
      await typeAndSend("too fast");
      await until(() => part("messages").shadowRoot!.querySelector("li.failed"), "failed state");
      const failed = part("messages").shadowRoot!.querySelector("li.failed")!;
      expect(failed.textContent).to.contain("Not sent").and.to.contain("Please wait a minute");
      failed.querySelector("button")!.click();
      await until(() => part("messages").shadowRoot!.querySelector("li.sent"), "sent after retry");
      const ids = backend.framesOf("send").map((f) => f.id);
      expect(ids).to.have.length(2);
      expect(ids[0]).to.equal(ids[1]);
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
      await chat.updateComplete;
      expect(part("launcher").textContent).to.contain("1");
      await chat.open();
      await chat.updateComplete;
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
      chat.requestUpdate();
      await chat.updateComplete;

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
      expect(chat.shadowRoot!.querySelector("porch-panel")!.heading).to.equal("Hallo!");
      expect(bubbleTexts()[0]).to.equal("Schreib mir.");
    });
  });

  describe("intro", () => {
    it("asks for an optional name and email, can be skipped, and registers what is given", async () => {
      await mount(`<porch-chat intro></porch-chat>`);
      await chat.open();
      const intro = chat.shadowRoot!.querySelector("porch-intro")!;
      expect(intro).to.not.equal(null);
      const nickname = intro.shadowRoot!.querySelector<HTMLInputElement>("input[name=nickname]")!;
      nickname.value = "Ana";
      intro.shadowRoot!.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
      await until(() => backend.framesOf("register").length, "register");
      expect(backend.framesOf("register")[0]).to.include({ nickname: "Ana", email: "" });
      await until(() => !chat.shadowRoot!.querySelector("porch-intro"), "intro closed");
      expect(deepActive()).to.equal(part("input"));
    });
  });
});

describe("porch-chat reply emails", () => {
  const offer = () => chat.shadowRoot!.querySelector("porch-email-offer");
  const offerText = () => offer()?.shadowRoot!.textContent?.replace(/\s+/g, " ").trim() ?? "";
  const offerButton = (label: string) =>
    [...offer()!.shadowRoot!.querySelectorAll("button")].find((button) => button.textContent.trim() === label)!;

  it("says nothing of email where the site does not send it: no offer, no promise in the intro", async () => {
    backend.owner = { online: false, lastSeenAt: null };
    await mount(`<porch-chat intro></porch-chat>`);
    await chat.open();
    await until(() => backend.framesOf("hello").length, "hello");
    await chat.updateComplete;
    const intro = chat.shadowRoot!.querySelector("porch-intro")!;
    await intro.updateComplete;
    expect(intro.shadowRoot!.textContent).to.not.contain("hear back");
    intro.shadowRoot!.querySelector<HTMLButtonElement>("button[type=button]")!.click();
    await until(() => parts("input").length, "composer");
    await typeAndSend("Anyone there?");
    await until(() => backend.messages.length, "sent");
    await chat.updateComplete;
    expect(offer()).to.equal(null);
  });

  it("keeps the intro's promise where the site emails replies", async () => {
    backend.emailReplies = { enabled: true, unsubscribed: false };
    await mount(`<porch-chat intro></porch-chat>`);
    await chat.open();
    await until(() => backend.framesOf("hello").length, "hello");
    const intro = chat.shadowRoot!.querySelector("porch-intro")!;
    await until(() => intro.shadowRoot!.textContent.includes("hear back when you're not on this page"), "the intro's promise");
  });

  it("asks once after the first message, registers the address, then says where replies go, with change and remove", async () => {
    backend.emailReplies = { enabled: true, unsubscribed: false };
    await mount();
    await chat.open();
    await until(() => backend.framesOf("hello").length, "hello");
    await chat.updateComplete;
    expect(offerText(), "the owner is online and nothing was written yet").to.equal("");
    await typeAndSend("Is the course still open?");
    await until(() => offerText().includes("Get the reply by email"), "the offer");
    expect(await seriousViolations(chat)).to.deep.equal([]);

    const field = offer()!.shadowRoot!.querySelector("input")!;
    field.value = "ada@example.com";
    offerButton("Email me").click();
    await until(() => backend.framesOf("register").length, "register");
    expect(backend.framesOf("register")[0]).to.include({ email: "ada@example.com" });
    expect(backend.framesOf("register")[0]).to.not.have.property("nickname");
    await until(() => offerText().includes("Replies you miss are emailed to ada@example.com."), "the address");
    expect(deepActive()).to.equal(part("input"));
    expect(await seriousViolations(chat)).to.deep.equal([]);

    offerButton("Change").click();
    await until(() => offer()!.shadowRoot!.querySelector("input"), "the form again");
    const again = offer()!.shadowRoot!.querySelector("input")!;
    expect(again.value).to.equal("ada@example.com");
    again.value = "ada@lovelace.example";
    offerButton("Email me").click();
    await until(() => offerText().includes("emailed to ada@lovelace.example."), "the changed address");

    offerButton("Remove").click();
    await until(() => backend.framesOf("register").length === 3, "register (remove)");
    expect(backend.framesOf("register")[2]).to.include({ email: "" });
    await until(() => offerText() === "", "nothing: removing it declined the offer");
  });

  it("says why an address was refused next to it, not twice", async () => {
    backend.emailReplies = { enabled: true, unsubscribed: false };
    backend.owner = { online: false, lastSeenAt: null };
    backend.failNext.push({ action: "register", code: "bad_request" });
    await mount();
    await chat.open();
    await until(() => offerText().includes("Get the reply by email"), "the offer");
    offer()!.shadowRoot!.querySelector("input")!.value = "ada@example.com";
    offerButton("Email me").click();
    await until(() => offer()!.shadowRoot!.querySelector(".problem"), "the reason");
    expect(offer()!.shadowRoot!.querySelector(".problem")!.textContent).to.equal("That couldn't be sent. Please check it and try again.");
    expect(chat.shadowRoot!.querySelector(".problem"), "not in the panel's problem line too").to.equal(null);
    offerButton("Email me").click();
    await until(() => offerText().includes("Replies you miss are emailed to ada@example.com."), "saved on a second try");
  });

  it("asks while the owner is away, and never again once declined, even after a reload", async () => {
    backend.emailReplies = { enabled: true, unsubscribed: false };
    backend.owner = { online: false, lastSeenAt: null };
    await mount();
    await chat.open();
    await until(() => offerText().includes("Get the reply by email"), "the offer before any message");
    offerButton("No thanks").click();
    await until(() => offerText() === "", "declined");
    expect(deepActive()).to.equal(part("input"));
    expect(backend.framesOf("register")).to.have.length(0);

    chat.parentElement!.remove();
    await mount();
    await chat.open();
    await until(() => backend.framesOf("hello").length === 2, "hello again");
    await typeAndSend("Hello?");
    await until(() => backend.messages.length, "sent");
    await chat.updateComplete;
    expect(offerText()).to.equal("");
  });

  it("says when the address was unsubscribed, and gives it again on request", async () => {
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
    await until(() => offerText().includes("Replies you miss are emailed to ada@example.com."), "emailed again");
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
    chat.shadowRoot!.querySelector<HTMLButtonElement>("button.details")!.click();
    await until(() => chat.shadowRoot!.querySelector("porch-intro"), "the intro form");
    const intro = chat.shadowRoot!.querySelector("porch-intro")!;
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

  it("takes the token out of the address bar, follows that conversation and opens the panel at the reply", async () => {
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
    localStorage.setItem("porch:visitorId", "1d2c3b4a-0000-4000-8000-000000000001");
    localStorage.setItem("porch:started", "1");
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
  });

  it("keeps the visitor's own conversation when the link is refused", async () => {
    const ownId = "1d2c3b4a-0000-4000-8000-000000000002";
    localStorage.setItem("porch:visitorId", ownId);
    localStorage.setItem("porch:started", "1");
    backend.resumeTokens.set("stale", { code: "expired" });
    openLink("stale");
    await mount();
    await until(() => chat.shadowRoot!.querySelector(".problem")?.textContent?.includes("has expired"), "why");
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
      await until(() => chat.shadowRoot!.querySelector(".problem")?.textContent?.includes(sentence), sentence);
      expect(location.hash).to.equal("");
      expect(localStorage.getItem("porch:visitorId"), "no identity was made").to.equal(null);
      expect(localStorage.getItem("porch:started")).to.equal(null);
      expect(backend.framesOf("hello")).to.have.length(0);
      expect(await seriousViolations(chat)).to.deep.equal([]);
    });
  }
});
