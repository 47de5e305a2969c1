/// <reference types="mocha" />
import { emulateMedia, sendKeys, setViewport } from "@web/test-runner-commands";
import { expect } from "chai";
import { limits } from "#protocol";
import { locales, type Locale } from "#protocol/locales.ts";
import { expectAccessible } from "../test/a11y.ts";
import { FakeBackend, until } from "../test/fake-backend.ts";
import { uploadStrings } from "../shared/uploads/strings.ts";
import { consentStrings } from "./consent-strings.ts";
import { emailOfferStrings } from "./email-offer-strings.ts";
import { introStrings } from "./intro-strings.ts";
import { conversationMenuStrings } from "./menu-strings.ts";
import { resumeStrings } from "./resume-strings.ts";
import "./porch-chat.ts";
import type { PorchChat } from "./porch-chat.ts";
import type { PorchVisitorChat } from "./porch-visitor-chat.ts";
import { defaultStrings, type VisitorStrings } from "./strings.ts";

/**
 * The widget in every language (issue 26): each state a visitor can see, rendered in each
 * catalogue, shows the language's own words and never a raw key, a `{placeholder}` or a plural
 * form's name; Arabic and Hebrew are mirrored; plurals and dates come from Intl.
 */
let backend: FakeBackend;
let chat: PorchChat;
const english: VisitorStrings = {
  ...defaultStrings,
  ...introStrings,
  ...conversationMenuStrings,
  ...emailOfferStrings,
  ...uploadStrings,
  ...consentStrings,
  ...resumeStrings,
};
/** Keys no sentence contains: camelCase or snake_case. */
const keyLike = Object.keys(english).filter((key) => /[a-z][A-Z]|_/.test(key));
const returningId = "8d3c1c52-1a6f-4f43-9d53-0b7a3f1e9c11";
const messageId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const inner = (): PorchVisitorChat => chat.shadowRoot!.querySelector("porch-visitor-chat")!;
const view = (): ShadowRoot => inner().shadowRoot!;
const launcher = (): HTMLElement => chat.shadowRoot!.querySelector("[part=launcher]")!;
const listRoot = (): ShadowRoot => view().querySelector("porch-message-list")!.shadowRoot!;
const composerRoot = (): ShadowRoot => view().querySelector("porch-composer")!.shadowRoot!;

/** A catalogue as the widget shows it: the language's strings over English (English is its own). */
async function stringsOf(locale: Locale): Promise<VisitorStrings> {
  if (locale === "en") return english;
  const load = async (file: string) => ((await import(`./locales/${file}.ts`)) as { default: Partial<VisitorStrings> }).default;
  return { ...english, ...(await load(locale)), ...(await load(`${locale}.first-use`)) };
}

/** Every word a person can see or hear: text, and the names, hints and titles of elements, through every shadow root. */
function shown(root: Node): string[] {
  const found: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE && node.textContent!.trim()) found.push(node.textContent!.trim());
    if (node instanceof Element) {
      if (node.matches("style, script")) return;
      for (const attribute of ["aria-label", "placeholder", "title", "alt"]) {
        const value = node.getAttribute(attribute);
        if (value) found.push(value);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return found;
}

function expectNoRawText(state: string) {
  const words = shown(chat);
  const text = words.join("\n");
  expect(text, `${state}: a {placeholder} left`).not.to.match(/\{\w+\}/);
  expect(text, `${state}: a plural form's name`).not.to.match(/\b(zero|one|two|few|many|other):/);
  for (const key of keyLike) expect(words, `${state}: the raw key ${key}`).not.to.include(key);
}

async function mount(locale: Locale, attributes = ""): Promise<void> {
  const holder = document.createElement("div");
  holder.innerHTML = `<porch-chat lang=${locale} ${attributes}></porch-chat>`;
  document.body.append(holder);
  chat = holder.querySelector("porch-chat")!;
}

async function opened(): Promise<void> {
  await chat.open();
  await until(() => backend.open.length && inner().shadowRoot!.querySelector("porch-panel"), "the panel, connected");
  await inner().updateComplete;
}

/** Writes a message in the composer and sends it with Enter. */
async function send(text: string) {
  view().querySelector("porch-composer")!.focus();
  for (const keys of [{ type: text }, { press: "Enter" }]) await sendKeys(keys);
}

describe("porch-chat in every language", () => {
  before(() => emulateMedia({ reducedMotion: "reduce" }));
  after(() => emulateMedia({ reducedMotion: "no-preference" }));
  beforeEach(() => {
    localStorage.clear();
    backend = new FakeBackend().install();
  });
  afterEach(() => {
    document.querySelectorAll("porch-chat").forEach((element) => element.parentElement!.remove());
    backend.uninstall();
    history.replaceState(history.state, "", location.pathname + location.search);
  });

  for (const locale of locales) {
    describe(locale, () => {
      let s: VisitorStrings;
      before(async () => {
        s = await stringsOf(locale);
      });

      it("shows a conversation over three days, an unread reply, typing and a message too long in the language's words", async () => {
        localStorage.setItem("porch:visitorId", returningId);
        localStorage.setItem("porch:started", "1");
        const day = 86_400_000;
        for (const [n, ago] of [10 * day, day, 0].entries()) {
          backend.messages.push({
            id: messageId(n),
            visitorId: returningId,
            from: n === 2 ? "owner" : "visitor",
            text: `message ${n}`,
            sentAt: Date.now() - ago - 1000,
          });
        }
        backend.ownerSeenUpTo = messageId(1);
        await mount(locale);
        await until(() => chat.unread === 1, "the unread reply");
        const label = launcher().getAttribute("aria-label")!;
        expect(label.startsWith(s.openChat), label).to.equal(true);
        expectNoRawText("closed, one unread");
        await opened();
        expect(view().querySelector("porch-panel")!.heading).to.equal(s.heading);
        await until(() => listRoot().querySelectorAll(".day").length === 3, "three days");
        const days = [...listRoot().querySelectorAll(".day")].map((separator) => separator.textContent);
        expect(days.slice(1)).to.deep.equal([s.yesterday, s.today]);
        backend.ownerTypes(returningId);
        await until(() => listRoot().querySelector(".typing"), "typing");
        const field = composerRoot().querySelector("textarea")!;
        expect(field.placeholder).to.equal(s.placeholder);
        field.value = "x".repeat(limits.textMaxChars + 2);
        field.dispatchEvent(new Event("input"));
        await until(() => composerRoot().querySelector(".over"), "too long");
        expectNoRawText("open: days, seen, typing, too long");
      });

      it("shows the owner away, the email offer and its answers, and a refused message", async () => {
        backend.owner = { online: false, lastSeenAt: Date.now() - 2 * 3_600_000 };
        backend.emailReplies = { enabled: true, unsubscribed: false };
        await mount(locale);
        await opened();
        backend.failNext.push({ action: "send", code: "rate_limited" });
        await send("Is the course still open?");
        const offer = () => view().querySelector("porch-email-offer")?.shadowRoot;
        await until(() => offer()?.querySelector("input"), "the offer");
        expect(offer()!.querySelector("input")!.placeholder).to.equal(s.emailOfferTitle);
        await until(() => view().querySelector(".problem") && listRoot().querySelector("li.failed"), "the refusal");
        expectNoRawText("away, the offer, a refusal");
        offer()!.querySelector("input")!.value = "ada@example.com";
        offer()!.querySelector<HTMLButtonElement>("button.primary")!.click();
        await until(() => offer()?.textContent?.includes("ada@example.com"), "the address waits for confirmation");
        expectNoRawText("the address waiting");
      });

      it("shows the intro form, the conversation menu and its question", async () => {
        await mount(locale, "intro");
        await chat.open();
        await until(() => view().querySelector("porch-intro")?.shadowRoot?.querySelector("h3"), "the intro");
        expect(view().querySelector("porch-intro")!.shadowRoot!.querySelector("h3")!.textContent).to.equal(s.introTitle);
        expectNoRawText("the intro form");
        view().querySelector("porch-intro")!.shadowRoot!.querySelector<HTMLButtonElement>("button[type=button]")!.click();
        await until(() => view().querySelector("porch-composer"), "the composer");
        await send("Hello");
        await until(() => view().querySelector("[aria-expanded]"), "the menu's button");
        view().querySelector<HTMLButtonElement>(".details[aria-expanded]")!.click();
        const menu = () => view().querySelector("porch-conversation-menu")?.shadowRoot;
        await until(() => menu()?.querySelector(".kept"), "the menu");
        expectNoRawText("the menu");
        menu()!.querySelectorAll("button")[1]!.click();
        await until(() => menu()?.querySelector("[role=alertdialog]"), "the question");
        expect(menu()!.querySelector("#confirm")!.textContent).to.equal(s.menuDeleteConfirm);
        expectNoRawText("the menu's question");
      });

      it("shows the question before a link's conversation", async () => {
        localStorage.setItem("porch:visitorId", returningId);
        localStorage.setItem("porch:started", "1");
        backend.resumeTokens.set("another", "5f0c6d2e-7b1a-4c3e-9a8d-2e4f6a8b0c1e");
        history.replaceState(history.state, "", `${location.pathname}${location.search}#porch-resume=another`);
        await mount(locale);
        await until(() => inner()?.shadowRoot?.querySelector(".notice"), "the question");
        expect(view().querySelector(".notice")!.textContent).to.include(s.resumeAsk);
        expectNoRawText("the question");
      });
    });
  }

  it("writes Polish counts by Polish plural rules", async () => {
    localStorage.setItem("porch:visitorId", returningId);
    localStorage.setItem("porch:started", "1");
    const reply = (n: number) => ({
      id: messageId(n),
      visitorId: returningId,
      from: "owner" as const,
      text: `${n}`,
      sentAt: Date.now() - 60_000 + n,
    });
    backend.messages.push(reply(0), reply(1));
    await mount("pl");
    await until(() => chat.unread === 2, "two unread");
    await until(() => launcher().getAttribute("aria-label") === "Otwórz czat, 2 nieprzeczytane", "2 nieprzeczytane");
    backend.reply(returningId, "3");
    backend.reply(returningId, "4");
    backend.reply(returningId, "5");
    await until(() => launcher().getAttribute("aria-label") === "Otwórz czat, 5 nieprzeczytanych", "5 nieprzeczytanych");
  });

  it("writes a Japanese date separator with Intl", async () => {
    localStorage.setItem("porch:visitorId", returningId);
    localStorage.setItem("porch:started", "1");
    const sentAt = Date.now() - 10 * 86_400_000;
    backend.messages.push({ id: messageId(0), visitorId: returningId, from: "visitor", text: "こんにちは", sentAt });
    await mount("ja");
    await opened();
    await until(() => listRoot().querySelector(".day"), "the separator");
    const sameYear = new Date(sentAt).getFullYear() === new Date().getFullYear();
    const options: Intl.DateTimeFormatOptions = sameYear
      ? { weekday: "long", month: "long", day: "numeric" }
      : { year: "numeric", month: "long", day: "numeric" };
    const separator = listRoot().querySelector(".day")!.textContent;
    expect(separator).to.equal(new Intl.DateTimeFormat("ja", options).format(sentAt));
    expect(separator).to.match(sameYear ? /^\d{1,2}月\d{1,2}日[日月火水木金土]曜日$/ : /^\d{4}年\d{1,2}月\d{1,2}日$/);
  });

  for (const locale of ["ar", "he"] as const) {
    it(`lays ${locale} out right to left: the launcher on the left, the send button left of the field`, async () => {
      await mount(locale);
      await opened();
      expect(chat.dir).to.equal("rtl");
      const button = launcher().getBoundingClientRect();
      expect(button.left, "the launcher on the left").to.be.lessThan(innerWidth / 2);
      const send = composerRoot().querySelector("button")!.getBoundingClientRect();
      const field = composerRoot().querySelector("textarea")!.getBoundingClientRect();
      expect(send.right, "send on the left of the field").to.be.at.most(field.left);
      const panelBox = view().querySelector("porch-panel")!.getBoundingClientRect();
      expect(panelBox.left, "the panel on the left").to.be.lessThan(innerWidth - panelBox.right);
    });
  }

  it("keeps the launcher where position says, in Arabic too", async () => {
    await mount("ar", "position=right");
    const button = launcher().getBoundingClientRect();
    expect(innerWidth - button.right).to.equal(20);
  });

  for (const locale of ["ar", "ja"] as const) {
    for (const theme of ["light", "dark"]) {
      for (const phone of [false, true]) {
        it(`has no serious violation in ${locale}, ${theme}${phone ? ", on a 390 px phone" : ""}`, async () => {
          if (phone) await setViewport({ width: 390, height: 844 });
          try {
            localStorage.setItem("porch:visitorId", returningId);
            localStorage.setItem("porch:started", "1");
            backend.messages.push({
              id: messageId(0),
              visitorId: returningId,
              from: "visitor",
              text: "Hello مرحبا",
              sentAt: Date.now() - 86_400_000,
            });
            backend.messages.push({ id: messageId(1), visitorId: returningId, from: "owner", text: "مرحبا, hello", sentAt: Date.now() });
            backend.ownerProfile = { name: "Marta", avatar: null, replyTime: null };
            await mount(locale, `theme=${theme}`);
            await opened();
            await until(() => listRoot().querySelector(`li[data-id="${messageId(1)}"]`), "history");
            await expectAccessible(chat, `${locale}, ${theme}${phone ? ", phone" : ""}`);
          } finally {
            if (phone) await setViewport({ width: 1280, height: 800 });
          }
        });
      }
    }
  }
});
