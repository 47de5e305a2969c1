/// <reference types="mocha" />
import { emulateMedia, resetMouse, sendKeys, sendMouse } from "@web/test-runner-commands";
import { expect } from "chai";
import { expectAccessible } from "../test/a11y.ts";
import { FakeBackend, until } from "../test/fake-backend.ts";
import { deepActive } from "../test/dom.ts";
import "./porch-chat.ts";
import type { PorchChat } from "./porch-chat.ts";

/**
 * porch.js's loader: `<porch-chat>` before the chat's chunk has arrived, the signs of intent that
 * bring it, and what the page may do meanwhile. The tests run in order in one page: the first ones
 * see a page where the chat (and Lit) has never been loaded.
 */

let backend: FakeBackend;
let chat: PorchChat;
/** What each test added to the page. */
const holders: HTMLElement[] = [];

const launcher = () => chat.shadowRoot!.querySelector<HTMLButtonElement>("[part~=launcher]")!;
const inner = () => chat.shadowRoot!.querySelector("porch-visitor-chat");
/** Modules of the chat (its element or Lit) this page has requested so far. */
const chatRequests = () =>
  performance
    .getEntriesByType("resource")
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /porch-visitor-chat|\/lit|lit-html|reactive-element/.test(path));
const litLoaded = () => "litElementVersions" in globalThis || "litHtmlVersions" in globalThis;

async function mount(html = "<porch-chat endpoint='wss://example.test/chat'></porch-chat>"): Promise<PorchChat> {
  const holder = document.createElement("div");
  holder.innerHTML = html;
  document.body.append(holder);
  holders.push(holder);
  chat = holder.querySelector("porch-chat")!;
  return chat;
}

beforeEach(() => {
  localStorage.clear();
  backend = new FakeBackend().install();
});

afterEach(async () => {
  await resetMouse();
  for (const holder of holders.splice(0)) holder.remove();
  backend.uninstall();
});

describe("porch-chat's loader", () => {
  describe("before any intent (these run first, on a page that never loaded the chat)", () => {
    it("renders the launcher with no framework: the look, the place and the name, and nothing else is loaded, stored or opened", async () => {
      await mount();
      const button = launcher();
      expect(button.getAttribute("aria-label")).to.equal("Open chat");
      expect(button.getAttribute("aria-expanded")).to.equal("false");
      expect(getComputedStyle(button).backgroundColor).to.equal("rgb(31, 111, 92)");
      expect([button.offsetWidth, button.offsetHeight]).to.deep.equal([56, 56]);
      expect(getComputedStyle(chat).position).to.equal("fixed");
      const box = button.getBoundingClientRect();
      expect([Math.round(innerWidth - box.right), Math.round(innerHeight - box.bottom)]).to.deep.equal([20, 20]);
      expect(chat.getAttribute("position")).to.equal("auto", "reflected, as before");
      expect(chat.getAttribute("theme")).to.equal("auto");
      expect(chat.isOpen).to.equal(false);
      expect(chat.unread).to.equal(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(litLoaded(), "Lit was loaded").to.equal(false);
      expect(chatRequests()).to.deep.equal([]);
      expect(customElements.get("porch-visitor-chat")).to.equal(undefined);
      expect(inner()).to.equal(null);
      expect(backend.sockets).to.have.length(0);
      expect(localStorage.length).to.equal(0);
    });

    it("follows theme, position, the page's custom properties and strings without the chat", async () => {
      const style = document.createElement("style");
      style.textContent = `porch-chat { --porch-accent: rgb(200, 10, 20); --porch-offset-x: 40px; }`;
      document.head.append(style);
      try {
        await mount(`<porch-chat theme="dark" position="left" strings='{"openChat":"Chat öffnen"}'></porch-chat>`);
        expect(getComputedStyle(launcher()).backgroundColor).to.equal("rgb(200, 10, 20)", "the page's accent, also in dark");
        expect(Math.round(launcher().getBoundingClientRect().left)).to.equal(40);
        expect(launcher().getAttribute("aria-label")).to.equal("Chat öffnen");
        style.textContent = "";
        expect(getComputedStyle(launcher()).backgroundColor).to.equal("rgb(40, 131, 112)", "the dark default accent");
        chat.theme = "light";
        expect(chat.getAttribute("theme")).to.equal("light");
        expect(getComputedStyle(launcher()).backgroundColor).to.equal("rgb(31, 111, 92)");
        chat.strings = { openChat: "Ouvrir" };
        expect(launcher().getAttribute("aria-label")).to.equal("Ouvrir");
        expect(inner()).to.equal(null);
      } finally {
        style.remove();
      }
    });

    it("passes the accessibility audit, light and dark, before the chat has arrived", async () => {
      await emulateMedia({ reducedMotion: "reduce" });
      try {
        for (const theme of ["light", "dark"]) {
          await mount(`<porch-chat theme="${theme}"></porch-chat>`);
          await expectAccessible(chat, `the loader's launcher, ${theme}`);
          chat.parentElement!.remove();
        }
      } finally {
        await emulateMedia({ reducedMotion: "no-preference" });
      }
      expect(litLoaded(), "the audit saw the loader alone").to.equal(false);
    });
  });

  describe("on intent", () => {
    it("loads the chat once when the pointer enters the launcher, keeps the same launcher in the same place, and opens no connection", async () => {
      await mount();
      const button = launcher();
      const before = button.getBoundingClientRect().toJSON() as DOMRect;
      const box = button.getBoundingClientRect();
      await sendMouse({ type: "move", position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      await until(() => inner(), "the chat arrives");
      expect(litLoaded()).to.equal(true);
      // More signs of intent load nothing more.
      button.dispatchEvent(new Event("focus"));
      button.dispatchEvent(new Event("touchstart"));
      await sendMouse({ type: "move", position: [5, 5] });
      await sendMouse({ type: "move", position: [Math.round(box.x + 10), Math.round(box.y + 28)] });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(chat.shadowRoot!.querySelectorAll("porch-visitor-chat")).to.have.length(1);
      expect(chatRequests().filter((path) => path.endsWith("/porch-visitor-chat.ts"))).to.have.length(1);
      expect(launcher()).to.equal(button, "the loader's launcher stays");
      await sendMouse({ type: "move", position: [5, 5] });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(launcher().getBoundingClientRect().toJSON()).to.deep.equal(before);
      expect(backend.sockets).to.have.length(0, "intent is not interaction: no connection");
      expect(localStorage.length).to.equal(0);
    });

    it("loads the chat on focus and on a touch", async () => {
      for (const type of ["focus", "touchstart"]) {
        await mount();
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(inner(), type).to.equal(null);
        launcher().dispatchEvent(new Event(type));
        await until(() => inner(), `the chat after ${type}`);
        chat.parentElement!.remove();
      }
    });
  });

  describe("before the chat arrives", () => {
    it("keeps properties set and methods called, and applies them in order once it has arrived", async () => {
      await mount();
      chat.heading = "Bonjour";
      chat.greeting = "Écrivez-moi.";
      chat.strings = { send: "Envoyer", closeChat: "Fermer" };
      const opened = chat.open();
      chat.intro = false;
      expect(inner(), "the chat cannot have arrived yet").to.equal(null);
      await opened;
      const view = inner()!.shadowRoot!;
      expect(chat.isOpen).to.equal(true);
      expect(view.querySelector("porch-panel")!.heading).to.equal("Bonjour");
      expect(launcher().getAttribute("aria-label")).to.equal("Fermer");
      expect(launcher().getAttribute("aria-expanded")).to.equal("true");
      await inner()!.updateComplete;
      const list = view.querySelector("porch-message-list")!;
      await list.updateComplete;
      expect(list.shadowRoot!.textContent).to.contain("Écrivez-moi.");
      const composer = view.querySelector("porch-composer")!;
      expect(composer.shadowRoot!.querySelector("[part~=send]")!.getAttribute("aria-label")).to.equal("Envoyer");
      expect(deepActive()?.tagName).to.equal("TEXTAREA", "focus moved into the panel");
    });

    it("replays open, close and toggle in the order they were called", async () => {
      await mount();
      void chat.open();
      void chat.close();
      const last = chat.toggle();
      expect(inner()).to.equal(null);
      await last;
      expect(chat.isOpen).to.equal(true, "open, close, then toggle: open");
      await mount();
      void chat.toggle();
      const closed = chat.toggle();
      await closed;
      expect(chat.isOpen).to.equal(false, "toggled twice: closed");
      await chat.close();
      expect(inner()).to.not.equal(null);
    });

    it("takes properties a page set on the element before porch.js defined it", async () => {
      // An element porch.js has not upgraded yet: made in a document without custom elements.
      const early = document.implementation.createHTMLDocument("").createElement("porch-chat");
      Object.assign(early, { heading: "Early", position: "left" });
      expect(Object.hasOwn(early, "heading")).to.equal(true);
      const holder = document.createElement("div");
      holder.append(document.adoptNode(early));
      document.body.append(holder);
      holders.push(holder);
      chat = holder.querySelector("porch-chat")!;
      expect(chat).to.equal(early);
      expect(Object.hasOwn(chat, "heading"), "the page's value went through the property").to.equal(false);
      expect(chat.heading).to.equal("Early");
      expect(chat.getAttribute("position")).to.equal("left");
      await chat.open();
      expect(inner()!.shadowRoot!.querySelector("porch-panel")!.heading).to.equal("Early");
    });
  });

  describe("at load", () => {
    it("loads the chat for a returning visitor, connects, and shows the unread badge", async () => {
      const visitorId = "8d3c1c52-1a6f-4f43-9d53-0b7a3f1e9c11";
      localStorage.setItem("porch:visitorId", visitorId);
      localStorage.setItem("porch:started", "1");
      backend.messages.push({
        id: "00000000-0000-4000-8000-000000000001",
        visitorId,
        from: "owner",
        text: "A reply while you were away",
        sentAt: Date.now(),
      });
      await mount();
      await until(() => launcher().getAttribute("aria-label") === "Open chat, 1 unread", "the badge's count in the name");
      // The badge's code loads with the first unseen reply.
      await until(() => chat.shadowRoot!.querySelector(".badge")?.textContent, "the badge drawn");
      const badge = chat.shadowRoot!.querySelector<HTMLElement>(".badge")!;
      expect(badge.hidden).to.equal(false);
      expect(badge.textContent).to.equal("1");
      expect(getComputedStyle(badge).backgroundColor).to.equal("rgb(217, 48, 37)");
      expect(chat.unread).to.equal(1);
      expect(backend.framesOf("hello")[0]!.visitorId).to.equal(visitorId);
      await expectAccessible(chat, "the launcher with the unread badge");
      await chat.open();
      await until(() => badge.hidden, "the badge hidden once read");
      expect(launcher().getAttribute("aria-label")).to.equal("Close chat");
    });

    it("loads the chat when another tab starts a conversation", async () => {
      await mount();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(inner()).to.equal(null);
      localStorage.setItem("porch:visitorId", "8d3c1c52-1a6f-4f43-9d53-0b7a3f1e9c11");
      localStorage.setItem("porch:started", "1");
      dispatchEvent(new StorageEvent("storage", { key: "porch:started", newValue: "1" }));
      await until(() => inner(), "the chat");
      await until(() => backend.framesOf("hello").length, "connected to catch replies");
    });
  });

  describe("from the keyboard", () => {
    it("Tab reaches the launcher and loads the chat, Enter opens it with focus in the text field, Escape closes it back to the launcher", async () => {
      await mount();
      (document.activeElement as HTMLElement | null)?.blur();
      await sendKeys({ press: "Tab" });
      expect(deepActive()).to.equal(launcher());
      await until(() => inner(), "the chat, on focus");
      await sendKeys({ press: "Enter" });
      await until(() => chat.isOpen, "open");
      await until(() => deepActive()?.tagName === "TEXTAREA", "focus in the text field");
      await sendKeys({ type: "hi" });
      expect((deepActive() as HTMLTextAreaElement).value).to.equal("hi");
      await sendKeys({ press: "Escape" });
      await until(() => deepActive() === launcher(), "focus back on the launcher");
      expect(chat.isOpen).to.equal(false);
      expect(launcher().getAttribute("aria-expanded")).to.equal("false");
    });
  });
});
