/// <reference types="mocha" />
import { emulateMedia, sendKeys, setViewport } from "@web/test-runner-commands";
import { expect } from "chai";
import { limits } from "#protocol";
import { locales } from "#protocol/locales.ts";
import { expectAccessible } from "../test/a11y.ts";
import { until } from "../test/fake-backend.ts";
import { deepActive } from "../test/dom.ts";
import { FakeOwnerBackend } from "../test/fake-owner-backend.ts";
import { AttachEvent } from "../shared/porch-composer.ts";
import { inboxCatalogue, say } from "./catalogues.ts";
import "./porch-inbox.ts";
import type { ExportFile } from "./export-file.ts";
import type { PorchInbox } from "./porch-inbox.ts";
import { defaultInboxStrings } from "./strings.ts";
import { friendlyName } from "./visitor-name.ts";

const ada = "0b6f6f3e-5d7a-4c1e-9a53-3f1d2c4b5a61";
const grace = "7c2d9e41-8b3a-4f6d-a1c2-5e4f3d2b1a09";

let backend: FakeOwnerBackend;
let inbox: PorchInbox;

/**
 * Every element matching `selector` in the inbox's shadow tree, however deep; `host >> inner`
 * looks for `inner` only inside the shadow trees of elements matching `host`.
 */
function all<E extends Element = HTMLElement>(selector: string, root: ParentNode = inbox.shadowRoot!): E[] {
  const [first, ...rest] = selector.split(" >> ");
  const here = [...root.querySelectorAll<E>(first!)];
  for (const host of root.querySelectorAll("*")) if (host.shadowRoot) here.push(...all<E>(first!, host.shadowRoot));
  if (!rest.length) return here;
  return here.flatMap((host) => (host.shadowRoot ? all<E>(rest.join(" >> "), host.shadowRoot) : []));
}
function one<E extends Element = HTMLElement>(selector: string): E {
  const [found] = all<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
/** A conversation's route: its reference, as its row links to it. */
const routeTo = (visitorId: string) => `#/r/${backend.conversations.get(visitorId)!.ref}`;
const rowOf = (name: string) => all<HTMLAnchorElement>("porch-conversation-list >> li > a").find((a) => a.textContent.includes(name));
const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  await inbox.updateComplete;
};

/** Stands for the File System Access API's picker: what the inbox writes to the file, and whether it kept it. */
function fakeFilePicker() {
  const file = { name: "", pieces: [] as string[], closed: false, aborted: false };
  const picker = async ({ suggestedName }: { suggestedName: string }) => {
    file.name = suggestedName;
    return {
      createWritable: async () => ({
        write: async (text: string) => void file.pieces.push(text),
        close: async () => void (file.closed = true),
        abort: async () => void (file.aborted = true),
      }),
    };
  };
  Object.assign(window, { showSaveFilePicker: picker });
  return file;
}
/** Milliseconds between the inbox's pings, for the next mount (its default when undefined). */
let pingInterval: number | undefined;

async function mount(width = "1000px", lang?: string): Promise<PorchInbox> {
  inbox = document.createElement("porch-inbox");
  if (lang) inbox.setAttribute("lang", lang);
  inbox.endpoint = "wss://example.test/local";
  inbox.pingInterval = pingInterval;
  inbox.style.width = width;
  inbox.style.height = "600px";
  document.body.append(inbox);
  await inbox.updateComplete;
  return inbox;
}

async function signIn(password = backend.password, remember = false) {
  one<HTMLInputElement>("input[type=password]").value = password;
  one<HTMLInputElement>("input[type=checkbox]").checked = remember;
  one("porch-sign-in >> button").click();
  await settle();
}

/** Mounted and signed in, with the first page of conversations shown. */
async function signedIn(width?: string, lang?: string) {
  sessionStorage.setItem("porch:ownerSession", JSON.stringify({ token: backend.token, expiresAt: Date.now() + 60_000 }));
  await mount(width, lang);
  await until(() => backend.framesOf("hello").length && !inbox.session.signedOut && inbox.session.connection.state === "online", "hello");
  await settle();
}

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
  history.replaceState(null, "", location.pathname + location.search);
  backend = new FakeOwnerBackend().install();
});

afterEach(() => {
  delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  indexedDB.deleteDatabase("porch-search");
  pingInterval = undefined;
  inbox?.remove();
  backend.uninstall();
  history.replaceState(null, "", location.pathname + location.search);
});

describe("porch-inbox", () => {
  describe("signing in", () => {
    it("shows a wrong password as an alert and keeps the form", async () => {
      await mount();
      await signIn("not it");
      await until(() => all("[role=alert]").length, "alert");
      expect(one("[role=alert]").textContent).to.contain("That password isn't right.");
      expect(one<HTMLInputElement>("input[type=password]").value).to.equal("");
      expect(sessionStorage.length + localStorage.length).to.equal(0);
    });

    it("keeps the session for this tab, or on the device behind 'remember me'", async () => {
      await mount();
      await signIn();
      await until(() => !inbox.session.signedOut, "signed in");
      expect(JSON.parse(sessionStorage.getItem("porch:ownerSession")!)).to.have.property("token", backend.token);
      expect(localStorage.getItem("porch:ownerSession")).to.equal(null);
      one("button.sign-out").click();
      await settle();
      // The server is asked to end the session (`logout`), not only this tab to forget its token.
      expect(backend.framesOf("logout").map((frame) => frame.token)).to.deep.equal([backend.token]);
      expect(sessionStorage.getItem("porch:ownerSession")).to.equal(null);
      expect(one("[role=status]").textContent).to.contain("signed out");
      await signIn(backend.password, true);
      await until(() => !inbox.session.signedOut, "signed in again");
      expect(JSON.parse(localStorage.getItem("porch:ownerSession")!)).to.have.property("token", backend.token);
    });

    it("goes back to sign-in with a message when the server no longer accepts the session", async () => {
      backend.token = "rotated";
      sessionStorage.setItem("porch:ownerSession", JSON.stringify({ token: "old", expiresAt: Date.now() + 60_000 }));
      await mount();
      await until(() => all("input[type=password]").length, "sign-in form");
      expect(one("[role=status]").textContent).to.contain("Your session has ended");
      expect(sessionStorage.getItem("porch:ownerSession")).to.equal(null);
    });

    it("does not use a kept session that has expired", async () => {
      sessionStorage.setItem("porch:ownerSession", JSON.stringify({ token: backend.token, expiresAt: Date.now() - 1 }));
      await mount();
      expect(one("[role=status]").textContent).to.contain("Your session has ended");
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(backend.sockets).to.have.length(0);
    });
  });

  describe("the conversation list", () => {
    it("renders what visitors typed as text, including nicknames, and names anonymous visitors the same way every time", async () => {
      backend.visitorWrites(ada, '<img src=x onerror="window.pwned=1"> hi', { nickname: "<b onmouseover=alert(1)>Ada</b>" });
      backend.visitorWrites(grace, "<script>window.pwned=1</script>");
      await signedIn();
      const adaRow = rowOf("<b onmouseover=alert(1)>Ada</b>")!;
      expect(adaRow.textContent).to.contain('<img src=x onerror="window.pwned=1"> hi');
      expect(all("porch-conversation-list >> img, script, b")).to.have.length(0);
      expect(friendlyName(grace)).to.equal(friendlyName(grace.toUpperCase()));
      expect(rowOf(friendlyName(grace))!.textContent).to.contain("<script>window.pwned=1</script>");
      expect((window as { pwned?: number }).pwned).to.equal(undefined);
    });

    it("lists the newest activity first, shows unread counts and the total in the title, and moves a row up when a visitor writes", async () => {
      backend.visitorWrites(ada, "first", { nickname: "Ada" });
      backend.visitorWrites(grace, "second", { nickname: "Grace" });
      await signedIn();
      const names = () => all("porch-conversation-list >> .name").map((n) => n.textContent);
      expect(names()).to.deep.equal(["Grace", "Ada"]);
      expect(document.title).to.equal("(2) Porch inbox");
      backend.visitorWrites(ada, "third");
      await until(() => names()[0] === "Ada", "Ada on top");
      expect(rowOf("Ada")!.textContent).to.contain("2 unread");
      expect(document.title).to.equal("(3) Porch inbox");
    });

    it("recounts the unread total with one `unread` request when another tab deletes a conversation this tab never listed", async () => {
      backend.pageSize = 5;
      const unlisted = crypto.randomUUID();
      backend.visitorWrites(unlisted, "oldest", { nickname: "Unlisted" });
      for (let i = 0; i < 40; i++) backend.visitorWrites(crypto.randomUUID(), `visitor ${i}`, { nickname: `Visitor ${i}` });
      await signedIn();
      await settle();
      expect(document.title).to.equal("(41) Porch inbox");
      expect(rowOf("Unlisted"), "the oldest row is beyond the pages loaded").to.equal(undefined);
      backend.conversations.delete(unlisted);
      for (const socket of backend.owners) socket.deliver({ type: "deleted", visitorId: unlisted });
      await until(() => document.title === "(40) Porch inbox", "the recounted total");
      expect(backend.framesOf("unread")).to.have.length(1);
      expect(backend.framesOf("hello")).to.have.length(1);
    });

    it("says under the list how long conversations are kept, from the deploy's retention in hello", async () => {
      await signedIn();
      const line = () => all(".retention")[0]?.textContent ?? "";
      await until(() => line(), "the retention line");
      expect(line()).to.equal("Conversations are deleted 365 days after their last message.");
      inbox.remove();
      backend.retentionDays = 0;
      await signedIn();
      await until(() => line() === "Conversations are kept until you delete them.", "kept until deleted");
    });

    it("loads more conversations from the cursor", async () => {
      backend.pageSize = 2;
      for (let i = 0; i < 5; i++) backend.visitorWrites(crypto.randomUUID(), `visitor ${i}`, { nickname: `Visitor ${i}` });
      await signedIn();
      await until(() => all("porch-conversation-list >> li").length === 5, "every page");
      expect(backend.framesOf("inbox").map((f) => f.cursor)).to.deep.equal(["2", "4"]);
      expect(all("porch-conversation-list >> .more")).to.have.length(0);
    });
  });

  describe("a conversation", () => {
    it("opens from the keyboard, marks it read, and sends a reply on Enter", async () => {
      backend.visitorWrites(ada, "Is the course still open?", { nickname: "Ada" });
      backend.visitorWrites(grace, "Hello", { nickname: "Grace" });
      await signedIn();
      rowOf("Grace")!.focus();
      await sendKeys({ press: "ArrowDown" });
      expect(deepActive()).to.equal(rowOf("Ada"));
      await sendKeys({ press: "Enter" });
      await until(() => all("porch-conversation-view").length, "conversation view");
      await until(() => backend.framesOf("read").length, "read");
      expect(backend.framesOf("read")[0]!.visitorId).to.equal(ada);
      await settle();
      // The conversation's reference in the address bar, never the visitor id.
      expect(location.hash).to.equal(routeTo(ada));
      expect(location.href).not.to.contain(ada);
      expect(rowOf("Ada")!.getAttribute("aria-current")).to.equal("page");
      expect(rowOf("Ada")!.textContent).not.to.contain("unread");
      expect(document.title).to.equal("(1) Porch inbox");
      expect(deepActive()).to.equal(one("porch-reply-composer >> textarea"));

      await sendKeys({ type: "Yes, until Friday." });
      await sendKeys({ press: "Enter" });
      await until(() => backend.framesOf("send").length, "send");
      await until(() => all(".mine").some((li) => li.textContent.includes("Sent")), "sent");
      expect(backend.messages.filter((m) => m.from === "owner").map((m) => m.text)).to.deep.equal(["Yes, until Friday."]);
      expect(rowOf("Ada")!.textContent).to.contain("You: Yes, until Friday.");
    });

    it("queues a reply while offline and sends it once on reconnect", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-reply-composer").length, "composer");
      backend.refuse = true;
      backend.dropAll();
      await until(() => inbox.session.connection.state === "offline", "offline");
      inbox.session.reply(ada, "typed offline");
      await settle();
      expect(all(".mine").at(-1)!.textContent).to.contain("Will send when reconnected");
      backend.refuse = false;
      inbox.session.connection.reconnect();
      await until(() => all(".mine").at(-1)?.textContent?.includes("Sent"), "sent after reconnect", 5000);
      expect(backend.framesOf("send")).to.have.length(1);
    });

    it("shows the visitor's details and blocks and unblocks them", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada", email: "ada@example.com" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-visitor-details").length, "details");
      const details = one("porch-visitor-details");
      expect(details.shadowRoot!.textContent).to.contain("ada@example.com");
      expect(details.shadowRoot!.textContent).to.contain("First seen");
      expect(details.shadowRoot!.textContent).to.contain("Last seen");
      one("porch-visitor-details >> .block").click();
      await until(() => backend.conversations.get(ada)!.blocked, "blocked");
      await until(() => rowOf("Ada")!.textContent.includes("Blocked"), "blocked tag");
      expect(one("porch-visitor-details >> .block").textContent.trim()).to.equal("Unblock visitor");
    });

    it("links the visitor's email to a draft to that address only, encoded part by part", async () => {
      // `#` is allowed in an address and would end a mailto: URL's address part unencoded.
      backend.visitorWrites(ada, "Hi", { nickname: "Ada", email: "o'brien#1@example.com" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-visitor-details").length, "details");
      const link = one<HTMLAnchorElement>("porch-visitor-details >> dd a");
      expect(link.getAttribute("href")).to.equal("mailto:o'brien%231@example.com");
      expect(link.textContent).to.equal("o'brien#1@example.com");
    });

    it("shows a link in a message in the order it goes to, whatever bidi controls surround it", async () => {
      backend.visitorWrites(ada, "pay here \u202ehttps://evil.example/moc.knab.www\u202c now", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-message-list >> .bubble a").length, "the link");
      const link = one<HTMLAnchorElement>("porch-message-list >> .bubble a");
      expect(link.textContent).to.equal("https://evil.example/moc.knab.www");
      expect(link.href).to.equal("https://evil.example/moc.knab.www");
      expect(link.dir).to.equal("ltr");
      expect(getComputedStyle(link).unicodeBidi).to.equal("isolate");
    });

    it("opens the conversation a notification links to, by its reference", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      const notified = `#/r/${backend.referenceTo(ada)}`;
      location.hash = notified;
      await signedIn();
      await until(() => all("porch-visitor-details").length, "the conversation");
      expect(backend.framesOf("resolve")).to.have.length(1);
      expect(location.hash, "the link stays: it holds no visitor id").to.equal(notified);
      expect(rowOf("Ada")!.getAttribute("aria-current")).to.equal("page");
    });

    it("opens a row's link without asking the server, and drops the visitor-id routes of earlier versions", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      await signedIn();
      location.hash = routeTo(ada);
      await until(() => all("porch-visitor-details").length, "the conversation");
      expect(backend.framesOf("resolve")).to.have.length(0);
      location.hash = `#/c/${ada}`;
      await until(() => location.hash === "#/", "the list, and the visitor id gone from the address bar");
    });

    it("goes to the list for a link whose reference does not resolve", async () => {
      location.hash = "#/r/not-a-reference-of-ours";
      await signedIn();
      await until(() => location.hash === "#/", "the list");
    });

    it("deletes after a confirmation and goes back to the list", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-visitor-details").length, "details");
      one("porch-visitor-details >> .delete").click();
      await settle();
      expect(deepActive()).to.equal(one("porch-visitor-details >> .cancel"));
      expect(backend.framesOf("delete")).to.have.length(0);
      one("porch-visitor-details >> .confirm").click();
      await until(() => !rowOf("Ada"), "row gone");
      expect(location.hash).to.equal("#/");
      expect(backend.conversations.size).to.equal(0);
    });

    it("tells the owner when another tab deleted the open conversation", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-conversation-view").length, "view");
      for (const socket of backend.owners) socket.deliver({ type: "deleted", visitorId: ada });
      await until(() => all(".placeholder").length, "placeholder");
      expect(one(".placeholder").textContent).to.contain("This conversation was deleted.");
      expect(document.title).to.equal("Porch inbox");
    });

    it("does not mark a message read while the page is hidden", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => backend.framesOf("read").length === 1, "first read");
      const visibility = Object.getOwnPropertyDescriptor(Document.prototype, "visibilityState")!;
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      try {
        backend.visitorWrites(ada, "Are you there?");
        await until(() => document.title === "(1) Porch inbox", "unread while hidden");
        expect(backend.framesOf("read")).to.have.length(1);
      } finally {
        Object.defineProperty(document, "visibilityState", visibility);
        delete (document as { visibilityState?: unknown }).visibilityState;
      }
      document.dispatchEvent(new Event("visibilitychange"));
      await until(() => backend.framesOf("read").length === 2, "read on return");
      await until(() => document.title === "Porch inbox", "title cleared");
    });
  });

  describe("a lost push (the watermark in pong)", () => {
    const shownOnce = (text: string) =>
      all("porch-conversation-view >> porch-message-list >> [part~=message]").filter((m) => m.textContent.includes(text)).length === 1;

    it("shows what a lost push carried at the next ping, once: a new row, the unread total, a message in the open conversation", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      pingInterval = 200;
      await signedIn();
      await until(() => backend.framesOf("read").length === 1, "Ada read");
      await until(() => document.title === "Porch inbox", "nothing unread");

      backend.losePushes = 1;
      backend.visitorWrites(grace, "Lost on its way", { nickname: "Grace" });
      await settle();
      expect(rowOf("Grace"), "not pushed").to.equal(undefined);
      await until(() => rowOf("Grace")?.textContent.includes("Lost on its way"), "Grace's row, after a ping", 2000);
      await until(() => document.title === "(1) Porch inbox", "the unread total");

      backend.visitorTypes(ada);
      await until(() => rowOf("Ada")?.textContent.includes("typing"), "Ada typing");
      backend.losePushes = 1;
      backend.visitorWrites(ada, "Also lost");
      await until(() => shownOnce("Also lost"), "the lost message in the open conversation", 2000);
      await until(() => rowOf("Ada")?.textContent.includes("Also lost"), "the row's preview instead of typing");
      await until(() => backend.framesOf("read").length === 2, "read, being on screen");
      await until(() => document.title === "(1) Porch inbox", "Grace's message still unread, Ada's read");
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(shownOnce("Hi") && shownOnce("Also lost")).to.equal(true);
      expect(all("porch-conversation-list >> li")).to.have.length(2);
      expect(backend.framesOf("hello"), "the same connection").to.have.length(1);
      const pages = backend.framesOf("inbox").length;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(backend.framesOf("inbox").length, "up to date: further pings fetch nothing").to.equal(pages);
    });

    it("shows a Done row's reply whose push was lost at the next ping, though no count and no newest open row changed", async () => {
      backend.visitorWrites(ada, "Thanks, that was all", { nickname: "Ada" });
      backend.visitorWrites(grace, "Hello", { nickname: "Grace" });
      backend.conversations.set(ada, { ...backend.conversations.get(ada)!, unread: 0, status: "done" });
      pingInterval = 200;
      await signedIn();
      all<HTMLButtonElement>("porch-inbox-views >> button")
        .find((button) => button.textContent.includes("Done"))!
        .click();
      await until(() => rowOf("Ada")?.textContent.includes("Thanks, that was all"), "Ada under Done");
      const pings = backend.framesOf("ping").length;
      // Another tab answers Ada, whose conversation stays done; the push to this tab is lost.
      const row = backend.conversations.get(ada)!;
      backend.conversations.set(ada, {
        ...row,
        lastMessage: "You're welcome!",
        lastMessageFrom: "owner",
        lastMessageAt: row.lastMessageAt + 1000,
        messageCount: row.messageCount + 1,
      });
      await until(() => rowOf("Ada")?.textContent.includes("You're welcome!"), "Ada's row, caught up", 2000);
      expect(backend.framesOf("ping").length - pings, "within one ping or two").to.be.at.most(2);
      expect(backend.framesOf("inbox").at(-1)?.status).to.equal("done");
      const pages = backend.framesOf("inbox").length;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(backend.framesOf("inbox").length, "up to date: further pings fetch nothing").to.equal(pages);
    });

    it("asks when the tab is shown again", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      await signedIn();
      backend.losePushes = 1;
      backend.visitorWrites(grace, "Lost while you were away", { nickname: "Grace" });
      const pings = backend.framesOf("ping").length;
      document.dispatchEvent(new Event("visibilitychange"));
      await until(() => rowOf("Grace"), "Grace's row, once the tab shows");
      expect(backend.framesOf("ping").length).to.equal(pings + 1);
      expect(document.title).to.equal("(2) Porch inbox");
    });

    it("never shows a deleted conversation again: not from a page read before the delete, nor a push of an older message", async () => {
      const hi = backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      await signedIn();
      await until(() => !!rowOf("Ada"), "Ada's row");
      // Deleted in another tab; the index this tab's next page comes from has not caught up yet.
      for (const socket of backend.owners) socket.deliver({ type: "deleted", visitorId: ada, clearedAt: hi.sentAt + 1 });
      await until(() => !rowOf("Ada"), "Ada's row gone");
      const pages = backend.framesOf("inbox").length;
      document.dispatchEvent(new Event("visibilitychange")); // a ping: its watermark still names Ada's row
      await until(() => backend.framesOf("inbox").length > pages, "the page asked again");
      const row = backend.conversations.get(ada)!;
      for (const socket of backend.owners) socket.deliver({ type: "message", message: hi, conversation: row });
      await settle();
      expect(rowOf("Ada")).to.equal(undefined);
    });

    it("drops a row deleted elsewhere when the unread total says so", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      backend.visitorWrites(grace, "Hello", { nickname: "Grace" });
      await signedIn();
      expect(document.title).to.equal("(2) Porch inbox");
      backend.conversations.delete(ada); // its `deleted` push lost
      document.dispatchEvent(new Event("visibilitychange"));
      await until(() => !rowOf("Ada"), "Ada's row gone");
      expect(rowOf("Grace")).to.not.equal(undefined);
      expect(document.title).to.equal("(1) Porch inbox");
    });
  });

  describe("open and done", () => {
    const views = () => all<HTMLButtonElement>("porch-inbox-views >> button");
    const viewButton = (name: string) => views().find((button) => button.textContent.includes(name))!;
    const names = () => all("porch-conversation-list >> .name").map((n) => n.textContent);

    it("shows each view's count, marks the open conversation done and says so, and lists it under Done", async () => {
      backend.visitorWrites(ada, "Is the course still open?", { nickname: "Ada" });
      backend.visitorWrites(grace, "Hello", { nickname: "Grace" });
      await signedIn();
      expect(views().map((button) => button.textContent.replace(/\s+/g, " ").trim())).to.deep.equal(["Open 2", "Unread 2", "Done 0"]);
      expect(viewButton("Open").getAttribute("aria-pressed")).to.equal("true");
      rowOf("Ada")!.click();
      await until(() => backend.framesOf("read").length, "read");
      await until(() => viewButton("Unread").textContent.includes("1"), "Ada's read");
      one("porch-conversation-view >> .status.done").click();
      await until(() => backend.framesOf("done").length, "done");
      await until(() => names().join() === "Grace", "Ada leaves the Open view");
      expect(views().map((button) => button.textContent.replace(/\s+/g, " ").trim())).to.deep.equal(["Open 1", "Unread 1", "Done 1"]);
      await until(() => all("[role=status]").some((e) => e.textContent.includes("Ada's conversation is done.")), "announced");
      expect(all("porch-conversation-view >> .status.reopen")).to.have.length(1);

      viewButton("Done").click();
      await until(() => backend.framesOf("inbox").some((f) => f.status === "done"), "the Done page");
      await until(() => names().join() === "Ada", "Ada under Done");
      expect(viewButton("Done").getAttribute("aria-pressed")).to.equal("true");
      one("porch-conversation-view >> .status.reopen").click();
      await until(() => backend.framesOf("reopen").length, "reopen");
      await until(() => names().length === 0, "Ada leaves Done");
      expect(one("porch-conversation-list >> .empty").textContent).to.contain("No conversation is done yet");
      expect(views().map((button) => button.textContent.replace(/\s+/g, " ").trim())).to.deep.equal(["Open 2", "Unread 1", "Done 0"]);
    });

    it("moves a row when another tab marks it done, and back to Open when the visitor writes", async () => {
      backend.visitorWrites(ada, "first", { nickname: "Ada" });
      backend.visitorWrites(grace, "second", { nickname: "Grace" });
      await signedIn();
      const row = backend.conversations.get(ada)!;
      const doneRow = { ...row, status: "done" as const };
      backend.conversations.set(ada, doneRow);
      for (const socket of backend.owners) socket.deliver({ type: "conversation", conversation: doneRow });
      await until(() => names().join() === "Grace", "Ada moved out of Open");
      expect(viewButton("Done").textContent).to.contain("1");
      backend.visitorWrites(ada, "one more thing");
      await until(() => names().join() === "Ada,Grace", "Ada open again, on top");
      expect(views().map((button) => button.textContent.replace(/\s+/g, " ").trim())).to.deep.equal(["Open 2", "Unread 2", "Done 0"]);
      expect(backend.framesOf("unread"), "every change was counted from rows it held").to.have.length(0);
    });

    it("lists only unread conversations under Unread, and a done one from a link", async () => {
      backend.visitorWrites(ada, "unanswered", { nickname: "Ada" });
      backend.visitorWrites(grace, "answered", { nickname: "Grace" });
      backend.conversations.set(grace, { ...backend.conversations.get(grace)!, unread: 0, status: "done" });
      location.hash = routeTo(grace);
      await signedIn();
      await until(() => all("porch-conversation-view").length, "Grace's done conversation, found under Done");
      expect(all("porch-conversation-view >> .status.reopen")).to.have.length(1);
      viewButton("Unread").click();
      await until(() => backend.framesOf("inbox").some((f) => f.unread === true), "the Unread page");
      expect(names()).to.deep.equal(["Ada"]);
    });
  });

  describe("private notes", () => {
    const noteBubbles = () => all("porch-conversation-view >> porch-message-list >> [part~=note]");

    it("writes a note in note mode, shows it apart from replies, and never sends it as a reply", async () => {
      backend.visitorWrites(ada, "Can I pay by invoice?", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-reply-composer").length, "composer");
      const toggle = one<HTMLButtonElement>("porch-conversation-view >> .note-mode");
      expect(toggle.textContent).to.contain("Private note");
      toggle.click();
      await settle();
      expect(toggle.getAttribute("aria-pressed")).to.equal("true");
      expect(one<HTMLTextAreaElement>("porch-reply-composer >> textarea").getAttribute("placeholder")).to.equal(
        "Write a note only you will see…",
      );
      one<HTMLTextAreaElement>("porch-reply-composer >> textarea").focus();
      await sendKeys({ type: "A regular: be kind" });
      await sendKeys({ press: "Enter" });
      await until(() => backend.framesOf("note").length, "note");
      await until(
        () => noteBubbles().length === 1 && all(".mine .meta").some((meta) => meta.textContent.includes("Private note")),
        "shown",
      );
      expect(noteBubbles()[0]!.textContent).to.contain("A regular: be kind");
      expect(backend.framesOf("send"), "no reply was sent").to.have.length(0);
      expect(
        backend.messages.some((m) => m.text.includes("A regular")),
        "nothing the visitor could read",
      ).to.equal(false);
    });

    it("shows the notes already written, and one another tab writes", async () => {
      backend.visitorWrites(ada, "Hello", { nickname: "Ada" });
      backend.notes.push({ id: crypto.randomUUID(), visitorId: ada, text: "Asked about invoices before", writtenAt: Date.now() });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => noteBubbles().length === 1, "the stored note");
      const pushed = { id: crypto.randomUUID(), visitorId: ada, text: "Sent the invoice form", writtenAt: Date.now() + 1 };
      for (const socket of backend.owners) socket.deliver({ type: "note", note: pushed });
      await until(() => noteBubbles().length === 2, "the pushed note");
      expect(noteBubbles()[1]!.textContent).to.contain("Sent the invoice form");
    });
  });

  describe("saved replies", () => {
    const options = () => all<HTMLLIElement>("porch-reply-composer >> [role=option]:not([aria-disabled])");
    const field = () => one<HTMLTextAreaElement>("porch-reply-composer >> textarea");
    const saved = [
      { id: crypto.randomUUID(), title: "Opening hours", text: "Hello {name}, we answer from 9 to 5." },
      { id: crypto.randomUUID(), title: "Invoice", text: "Yes {name}, you can pay by invoice." },
    ];

    it("offers them on / at the start of a reply, filtered; arrows choose, Enter inserts with the name filled", async () => {
      backend.savedReplies = saved;
      backend.visitorWrites(ada, "Can I pay by invoice?", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-reply-composer").length && inbox.session.savedReplies?.length === 2, "the saved replies");
      field().focus();
      await sendKeys({ type: "/" });
      await until(() => options().length === 2, "both offered");
      expect(field().getAttribute("aria-activedescendant")).to.equal(options()[0]!.id);
      expect(one("porch-reply-composer >> [role=status]").textContent).to.contain("Saved replies that match: 2");
      await sendKeys({ press: "ArrowDown" });
      await settle();
      expect(options()[1]!.getAttribute("aria-selected")).to.equal("true");
      expect(field().getAttribute("aria-activedescendant")).to.equal(options()[1]!.id);
      await sendKeys({ type: "hou" });
      await until(() => options().length === 1, "filtered");
      expect(options()[0]!.textContent).to.contain("Opening hours");
      await sendKeys({ press: "Enter" });
      await until(() => field().value === "Hello Ada, we answer from 9 to 5.", "inserted, the name filled");
      expect(options(), "the list closed").to.have.length(0);
      expect(field().hasAttribute("aria-activedescendant")).to.equal(false);
      expect(backend.framesOf("send"), "inserting sends nothing").to.have.length(0);
      await sendKeys({ press: "Enter" });
      await until(() => backend.framesOf("send").length === 1, "sent on the next Enter");
      expect(backend.framesOf("send")[0]!.text).to.equal("Hello Ada, we answer from 9 to 5.");
    });

    it("closes the list on Escape, keeps what was typed, and offers nothing in note mode or after the start", async () => {
      backend.savedReplies = saved;
      backend.visitorWrites(ada, "Hello", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => inbox.session.savedReplies?.length === 2, "the saved replies");
      field().focus();
      await sendKeys({ type: "/inv" });
      await until(() => options().length === 1, "offered");
      await sendKeys({ press: "Escape" });
      await settle();
      expect(options()).to.have.length(0);
      expect(field().value).to.equal("/inv");
      expect(location.hash, "Escape stayed in the field").to.equal(routeTo(ada));
      field().value = "";
      await sendKeys({ type: "a /" });
      await settle();
      expect(options(), "only at the start").to.have.length(0);
      field().value = "";
      one("porch-conversation-view >> .note-mode").click();
      await settle();
      field().focus();
      await sendKeys({ type: "/" });
      await settle();
      expect(options(), "not in a note").to.have.length(0);
    });

    it("adds, changes and deletes them in their dialog, and shows another tab's change", async () => {
      await signedIn();
      one("button.saved-replies").click();
      await until(() => all("porch-saved-replies >> dialog[open]").length, "the dialog");
      expect(one("porch-saved-replies >> [role=status]").textContent).to.contain("No saved replies yet");
      one<HTMLInputElement>("porch-saved-replies >> #title").value = "Shipping";
      one<HTMLTextAreaElement>("porch-saved-replies >> #text").value = "We ship within 2 days, {name}.";
      one("porch-saved-replies >> .save").click();
      await until(() => all("porch-saved-replies >> li").length === 1, "saved");
      expect(backend.savedReplies.map((reply) => reply.title)).to.deep.equal(["Shipping"]);
      one("porch-saved-replies >> .edit").click();
      await settle();
      expect(one<HTMLInputElement>("porch-saved-replies >> #title").value).to.equal("Shipping");
      one<HTMLTextAreaElement>("porch-saved-replies >> #text").value = "We ship within 3 days, {name}.";
      one("porch-saved-replies >> .save").click();
      await until(() => backend.savedReplies[0]?.text === "We ship within 3 days, {name}.", "changed");
      expect(backend.savedReplies, "changed in place, not added").to.have.length(1);
      const other = { id: crypto.randomUUID(), title: "Returns", text: "30 days." };
      backend.savedReplies = [...backend.savedReplies, other];
      for (const socket of backend.owners) socket.deliver({ type: "replies", replies: backend.savedReplies });
      await until(() => all("porch-saved-replies >> li").length === 2, "another tab's");
      one<HTMLButtonElement>("porch-saved-replies >> .delete").click();
      await until(() => all("porch-saved-replies >> li").length === 1, "deleted");
      expect(one("porch-saved-replies >> .delete").getAttribute("aria-label")).to.equal("Delete Returns");
    });

    it("says why a save failed in the dialog", async () => {
      await signedIn();
      backend.failNext.push({ action: "saveReply", code: "too_large" });
      one("button.saved-replies").click();
      await until(() => all("porch-saved-replies >> dialog[open]").length, "the dialog");
      one<HTMLInputElement>("porch-saved-replies >> #title").value = "One too many";
      one<HTMLTextAreaElement>("porch-saved-replies >> #text").value = "Text";
      one("porch-saved-replies >> .save").click();
      await until(() => all("porch-saved-replies >> [role=alert]").length, "the alert");
      expect(one("porch-saved-replies >> [role=alert]").textContent).to.contain(`At most ${limits.savedRepliesMax} saved replies`);
    });
  });

  describe("business hours", () => {
    const field = (name: string) => one<HTMLInputElement>(`porch-business-hours >> [name="${name}"]`);
    /** Sets a field as the owner would: a value, then the change event the form listens to. */
    const change = (name: string, value: string) => {
      field(name).value = value;
      field(name).dispatchEvent(new Event("change", { bubbles: true }));
    };
    async function openHours() {
      one("button.business-hours").click();
      await until(() => all("porch-business-hours >> dialog[open]").length, "the dialog");
      await until(() => inbox.session.hours !== null, "the hours read");
      await settle();
    }
    const alertText = () => all("porch-business-hours >> [role=alert]")[0]?.textContent ?? "";
    const setsHours = () => backend.framesOf("hours").filter((frame) => frame.weekly);

    it("sets weekly hours in the browser's time zone, read on first use, and shows another tab's change", async () => {
      await signedIn();
      expect(backend.framesOf("hours"), "not read before the screen opens").to.have.length(0);
      await openHours();
      expect(field("kind").value, "no hours yet: always available").to.equal("always");
      change("kind", "weekly");
      await settle();
      expect(field("zone").value).to.equal(Intl.DateTimeFormat().resolvedOptions().timeZone);
      expect(field("open-1").checked && field("open-5").checked && !field("open-0").checked, "weekdays open").to.equal(true);
      field("open-6").click();
      await settle();
      change("from-6", "10:00");
      change("to-6", "00:00"); // midnight: the end of the day
      change("zone", "Europe/Oslo");
      expect(field("notify").checked, "held outside the hours unless asked").to.equal(false);
      field("notify").click();
      one("porch-business-hours >> .save").click();
      await until(() => setsHours().length === 1, "saved");
      const weekday = (day: number) => ({ day, from: "09:00", to: "17:00" });
      expect(backend.hours).to.deep.equal({
        timeZone: "Europe/Oslo",
        weekly: [weekday(1), weekday(2), weekday(3), weekday(4), weekday(5), { day: 6, from: "10:00", to: "24:00" }],
        notifyOutsideHours: true,
      });
      await until(() => one("porch-business-hours >> [role=status]").textContent.includes("Hours saved."), "said");
      expect(backend.violations).to.deep.equal([]);

      backend.hours = { timeZone: "UTC", weekly: [], notifyOutsideHours: false };
      for (const socket of backend.owners) socket.deliver({ type: "hours", ...backend.hours });
      await until(() => field("kind").value === "always", "another tab's: no hours");
      expect(all('porch-business-hours >> [name="zone"]')).to.have.length(0);
    });

    it("says what is wrong before saving, and why the server refused", async () => {
      backend.hours = { timeZone: "Europe/Oslo", weekly: [{ day: 1, from: "09:00", to: "17:00" }], notifyOutsideHours: false };
      await signedIn();
      await openHours();
      expect(field("zone").value).to.equal("Europe/Oslo");
      expect(field("open-2").checked, "only Monday").to.equal(false);
      change("to-1", "08:00");
      one("porch-business-hours >> .save").click();
      await until(() => alertText().includes("On Monday, the opening time must be before the closing time."), "from after to");
      expect(field("to-1").getAttribute("aria-invalid")).to.equal("true");
      expect(one("porch-business-hours").shadowRoot!.activeElement, "the field to mend").to.equal(field("to-1"));
      change("to-1", "18:00");
      change("zone", "Mars/Olympus_Mons");
      one("porch-business-hours >> .save").click();
      await until(() => alertText().includes("“Mars/Olympus_Mons” isn't a time zone"), "unknown zone");
      expect(setsHours(), "nothing sent").to.have.length(0);
      change("zone", "Europe/Oslo");
      backend.failNext.push({ action: "hours", code: "bad_request" });
      one("porch-business-hours >> .save").click();
      await until(() => alertText().includes("The hours weren't saved: fake bad_request"), "the server's reason");
    });
  });

  describe("on a phone", () => {
    it("shows the list, then the conversation with a way back", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      await signedIn("390px");
      await until(() => inbox.narrow, "narrow layout");
      await settle();
      const shown = (selector: string) => all(selector).some((e) => e.getClientRects().length > 0);
      expect(shown("porch-conversation-list")).to.equal(true);
      expect(shown(".conversation")).to.equal(false);
      rowOf("Ada")!.click();
      await until(() => shown("porch-conversation-view"), "conversation");
      expect(shown("porch-conversation-list")).to.equal(false);
      one("porch-conversation-view >> .back").click();
      await until(() => shown("porch-conversation-list"), "list again");
      expect(location.hash).to.equal("#/");
      await settle();
      expect(deepActive()).to.equal(rowOf("Ada"));
    });
  });

  describe("export", () => {
    it("downloads the open conversation as text, every page of it, from code loaded on first use", async () => {
      backend.visitorWrites(ada, "Is the course still open?\nAnd is it in English?", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-conversation-view").length, "the conversation");
      inbox.session.reply(ada, "Yes, and yes.");
      await until(() => all(".mine").some((li) => li.textContent.includes("Sent")), "sent");
      const downloads: { name: string; text: Promise<string> }[] = [];
      const catchDownload = (event: Event) => {
        const link = event.target as HTMLAnchorElement;
        if (!link.download) return;
        event.preventDefault();
        downloads.push({ name: link.download, text: fetch(link.href).then((response) => response.text()) });
      };
      document.addEventListener("click", catchDownload, true);
      try {
        const lists = backend.framesOf("list").length;
        one("porch-visitor-details >> .export").click();
        await until(() => downloads.length === 1, "a download");
        expect(backend.framesOf("list").length).to.be.above(lists);
        expect(downloads[0]!.name).to.equal("Conversation with Ada.txt");
        const text = await downloads[0]!.text;
        expect(text).to.match(
          /^Conversation with Ada\n\n\[\d{4}-\d\d-\d\d \d\d:\d\d UTC\] Ada: Is the course still open\?\n {4}And is it in English\?\n/,
        );
        expect(text).to.match(/\] You: Yes, and yes\.\n$/);
      } finally {
        document.removeEventListener("click", catchDownload, true);
      }
    });
  });

  describe("export of everything", () => {
    it("streams every conversation to the file the owner picks, with its notes, showing the progress", async () => {
      const file = fakeFilePicker();
      backend.visitorWrites(ada, "Is the course still open?", { nickname: "Ada" });
      backend.visitorWrites(grace, "Do you have a discount?", { nickname: "Grace" });
      backend.notes.push({ id: crypto.randomUUID(), visitorId: ada, text: "Asked twice", writtenAt: Date.now() });
      backend.savedReplies = [{ id: crypto.randomUUID(), title: "Hi", text: "Hello {name}" }];
      backend.holdExports = true;
      await signedIn();
      one("button.export").click();
      await until(() => all("porch-export >> dialog[open]").length, "the dialog");
      expect(one("porch-export >> [role=status]").textContent).to.contain("Exported 0 of 2 conversations");
      backend.releaseExports();
      await until(() => file.closed, "the file kept");
      await settle();
      expect(file.name).to.match(/^porch-export-\d{4}-\d\d-\d\d\.json$/);
      const exported = JSON.parse(file.pieces.join("")) as ExportFile;
      expect(file.pieces.length, "written piece by piece").to.be.above(2);
      expect([exported.format, exported.version]).to.deep.equal(["porch-export", 1]);
      expect(exported.conversations.map((conversation) => conversation.nickname).sort()).to.deep.equal(["Ada", "Grace"]);
      const adas = exported.conversations.find((conversation) => conversation.visitorId === ada)!;
      expect(adas.messages.map((message) => message.text)).to.deep.equal(["Is the course still open?"]);
      expect(adas.notes.map((note) => note.text)).to.deep.equal(["Asked twice"]);
      expect("ref" in adas, "no reference only this deployment reads").to.equal(false);
      expect(exported.savedReplies[0]!.text).to.equal("Hello {name}");
      expect(one("porch-export >> [role=status]").textContent).to.contain("Exported 2 conversations");
    });

    it("keeps nothing when cancelled, and says so when a page fails", async () => {
      const file = fakeFilePicker();
      backend.visitorWrites(ada, "Is the course still open?", { nickname: "Ada" });
      backend.visitorWrites(grace, "Do you have a discount?", { nickname: "Grace" });
      backend.holdExports = true;
      await signedIn();
      one("button.export").click();
      await until(() => all("porch-export >> dialog[open]").length && backend.framesOf("export").length, "a page asked for");
      one("porch-export >> .cancel").click();
      backend.releaseExports();
      await until(() => file.aborted, "the file dropped");
      expect(file.closed).to.equal(false);

      const again = fakeFilePicker();
      backend.failNext.push({ action: "export", code: "internal" });
      one("button.export").click();
      await until(() => again.aborted, "the file dropped");
      await until(() => all("porch-export >> [role=alert]").length, "the alert");
      expect(one("porch-export >> [role=alert]").textContent).to.contain("The export stopped after 0 conversations");
      expect(again.closed).to.equal(false);
    });
  });

  describe("search", () => {
    it("finds a conversation by a word of a message, marked, from an index built from the export on first use", async () => {
      backend.visitorWrites(ada, "Is the sourdough course still open?", { nickname: "Ada" });
      backend.visitorWrites(grace, "Do you ship rye flour abroad?", { nickname: "Grace", email: "grace@example.com" });
      await signedIn();
      expect(backend.framesOf("export"), "nothing read before search is used").to.have.length(0);
      const field = one<HTMLInputElement>("input[data-search]");
      field.focus();
      field.value = "sourd";
      field.dispatchEvent(new InputEvent("input"));
      await until(() => all("porch-search-results >> a").length === 1, "one result");
      const result = one<HTMLAnchorElement>("porch-search-results >> a");
      expect(result.textContent).to.contain("Ada");
      expect(one("porch-search-results >> mark").textContent).to.equal("sourdough");
      expect(result.getAttribute("href")).to.equal(routeTo(ada));
      expect(one(".search-status").textContent).to.contain("1 conversation found");
      field.value = "grace@example";
      field.dispatchEvent(new InputEvent("input"));
      await until(() => all("porch-search-results >> a").some((link) => link.textContent.includes("Grace")), "by email");
      // A message pushed while the inbox is open is found at once, without asking the server.
      const exports = backend.framesOf("export").length;
      backend.visitorWrites(ada, "And is there a pelican on the logo?");
      field.value = "pelican";
      field.dispatchEvent(new InputEvent("input"));
      await until(
        () => all("porch-search-results >> a").some((link) => link.textContent.includes("pelican on the logo")),
        "the pushed one",
      );
      expect(backend.framesOf("export")).to.have.length(exports);
      field.value = "";
      field.dispatchEvent(new InputEvent("input"));
      await until(() => all("porch-conversation-list").length === 1, "the list again");
    });
  });

  describe("search and sign-out", () => {
    it("keeps the index in IndexedDB until the owner signs out", async () => {
      backend.visitorWrites(ada, "Is the sourdough course still open?", { nickname: "Ada" });
      await signedIn();
      const field = one<HTMLInputElement>("input[data-search]");
      field.focus();
      const held = async (want: boolean, what: string) => {
        for (let tries = 0; (await indexedDB.databases()).some((database) => database.name === "porch-search") !== want; tries++) {
          if (tries > 300) throw new Error(`timed out waiting for the index ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      await until(() => backend.framesOf("export").length, "the index built");
      await held(true, "kept");
      one("button.sign-out").click();
      await held(false, "deleted");
    });
  });

  describe("keyboard shortcuts", () => {
    it("moves with j and k, announced; e marks done; r goes to the reply; ? lists them; never while typing", async () => {
      backend.visitorWrites(ada, "first", { nickname: "Ada" });
      backend.visitorWrites(grace, "second", { nickname: "Grace" });
      backend.visitorWrites(crypto.randomUUID(), "third", { nickname: "Hedy" });
      await signedIn();
      (document.activeElement as HTMLElement | null)?.blur();
      await sendKeys({ press: "j" });
      await until(() => location.hash.startsWith("#/r/"), "the first conversation");
      await until(() => all("[role=status]").some((e) => e.textContent.includes("Hedy, 1 of 3")), "announced");
      await until(() => deepActive() === one("porch-conversation-view >> h2"), "focus on its heading, not the reply field");
      await sendKeys({ press: "j" });
      await until(() => location.hash === routeTo(grace), "the second");
      await sendKeys({ press: "k" });
      await until(() => location.hash !== routeTo(grace), "back to the first");
      await sendKeys({ press: "j" });
      await until(() => location.hash === routeTo(grace), "the second again");
      await until(() => deepActive() === one("porch-conversation-view >> h2"), "heading");
      await sendKeys({ press: "e" });
      await until(() => backend.framesOf("done").length === 1, "done");
      expect(backend.framesOf("done")[0]!.visitorId).to.equal(grace);
      await sendKeys({ press: "r" });
      expect(deepActive()).to.equal(one("porch-reply-composer >> textarea"));
      await sendKeys({ type: "jk/e?" });
      await settle();
      expect(one<HTMLTextAreaElement>("porch-reply-composer >> textarea").value, "typed, not shortcuts").to.equal("jk/e?");
      expect(location.hash).to.equal(routeTo(grace));
      expect(backend.framesOf("done")).to.have.length(1);
      one("porch-conversation-view >> h2").focus();
      await sendKeys({ press: "/" });
      expect(deepActive(), "/ goes to the search field").to.equal(one("input[data-search]"));
      await until(() => backend.framesOf("export").length > 0, "the search index built from the export");
      one("porch-conversation-view >> h2").focus();
      await sendKeys({ press: "?" });
      await until(() => one<HTMLDialogElement>("dialog.shortcuts").open, "the list");
      const listed = one("dialog.shortcuts").textContent;
      for (const words of ["Next conversation", "Previous conversation", "Mark the conversation done", "Write a reply", "Search"]) {
        expect(listed).to.contain(words);
      }
      await expectAccessible(inbox, "the shortcuts' list");
      await sendKeys({ press: "Escape" });
      await until(() => !one<HTMLDialogElement>("dialog.shortcuts").open, "closed");
    });
  });

  describe("the header and the controls' shape", () => {
    it("fits the header on one line on a phone, the secondary actions behind a labelled menu button", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      await signedIn("390px");
      await until(() => inbox.narrow, "narrow layout");
      await settle();
      const bar = one("header.bar");
      const shown = [...bar.children].filter((child) => child.getClientRects().length && !child.classList.contains("sr"));
      const middles = shown.map((child) => Math.round(child.getBoundingClientRect().top + child.getBoundingClientRect().height / 2));
      expect(new Set(middles).size, "every part of the header on one line").to.equal(1);
      expect(bar.getBoundingClientRect().height).to.be.below(64);
      const menu = one<HTMLButtonElement>(".menu");
      expect(menu.getAttribute("aria-label")).to.equal("More actions");
      expect(menu.title).to.equal("More actions");
      expect(one(".sign-out").getClientRects().length, "sign-out is in the closed menu").to.equal(0);
      menu.click();
      await settle();
      expect(menu.getAttribute("aria-expanded")).to.equal("true");
      expect(one(".sign-out").getClientRects().length).to.be.above(0);
      one(".sign-out").focus();
      await sendKeys({ press: "Escape" });
      await settle();
      expect(menu.getAttribute("aria-expanded")).to.equal("false");
      expect(deepActive()).to.equal(menu);
    });

    it("gives every icon button a name and a tooltip", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn("390px");
      await until(() => all("porch-conversation-view >> .details").length, "the conversation, narrow");
      for (const button of all<HTMLButtonElement>(".menu, porch-conversation-view >> .icon")) {
        expect(button.getAttribute("aria-label"), button.className).to.not.equal(null);
        expect(button.title, button.className).to.equal(button.getAttribute("aria-label"));
      }
    });

    it("shapes every rounded control from --porch-radius", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-reply-composer").length, "composer");
      inbox.style.setProperty("--porch-radius", "0px");
      await settle();
      const controls = [...all("button"), ...all("textarea"), ...all("input"), ...all("porch-conversation-list >> li > a")];
      expect(controls.length).to.be.above(8);
      const rounded = controls.filter((control) => getComputedStyle(control).borderTopLeftRadius !== "0px");
      expect(rounded.map((control) => control.className || control.tagName)).to.deep.equal([]);
      inbox.style.removeProperty("--porch-radius");
    });
  });

  describe("desktop notifications", () => {
    it("asks for permission only when the owner clicks, never on load", async () => {
      const original = window.Notification;
      let asked = 0;
      const FakeNotification = function () {} as unknown as typeof Notification;
      Object.assign(FakeNotification, {
        permission: "default",
        requestPermission: () => {
          asked++;
          Object.assign(FakeNotification, { permission: "granted" });
          return Promise.resolve("granted");
        },
      });
      window.Notification = FakeNotification;
      try {
        await signedIn();
        expect(asked).to.equal(0);
        one("button.notify").click();
        await until(() => asked === 1, "asked");
        await until(() => !all("button.notify").length, "button gone once decided");
      } finally {
        window.Notification = original;
      }
    });
  });

  describe("notifications on this device (Web Push)", () => {
    /** This browser's push side, stubbed: a registration whose push manager subscribes at once. */
    function fakePush() {
      const state = { subscription: null as PushSubscription | null, applicationServerKey: null as Uint8Array | null, unsubscribed: 0 };
      const endpoint = "https://push.example/device/1";
      const subscription = {
        endpoint,
        toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh: `B${"x".repeat(86)}`, auth: "y".repeat(21) + "A" } }),
        unsubscribe: () => ((state.unsubscribed++, (state.subscription = null)), Promise.resolve(true)),
      } as unknown as PushSubscription;
      const registration = {
        pushManager: {
          getSubscription: () => Promise.resolve(state.subscription),
          subscribe: (options: PushSubscriptionOptionsInit) => {
            state.applicationServerKey = options.applicationServerKey as Uint8Array;
            state.subscription = subscription;
            return Promise.resolve(subscription);
          },
        },
      };
      const originalRegister = navigator.serviceWorker.register.bind(navigator.serviceWorker);
      const originalNotification = window.Notification;
      let asked = 0;
      const FakeNotification = function () {} as unknown as typeof Notification;
      Object.assign(FakeNotification, {
        permission: "default",
        requestPermission: () => (asked++, Object.assign(FakeNotification, { permission: "granted" }), Promise.resolve("granted")),
      });
      window.Notification = FakeNotification;
      navigator.serviceWorker.register = (() => Promise.resolve(registration)) as unknown as typeof navigator.serviceWorker.register;
      return {
        state,
        asked: () => asked,
        restore() {
          navigator.serviceWorker.register = originalRegister;
          window.Notification = originalNotification;
        },
      };
    }

    it("subscribes this device with the deployment's key on the owner's click, and stops on the next", async () => {
      const push = fakePush();
      try {
        await signedIn();
        await until(() => all("button.notify").length, "the control");
        expect(push.asked()).to.equal(0);
        expect(backend.framesOf("pushKey")).to.have.length(0);
        await expectAccessible(inbox, "notify control");
        one("button.notify").click();
        await until(() => all("button.notify-off").length, "on");
        expect(push.asked()).to.equal(1);
        expect(push.state.applicationServerKey).to.have.length(65);
        // The frame passed the real parseFrame (the fake backend checks every frame).
        expect([...backend.pushDevices.keys()]).to.deep.equal(["https://push.example/device/1"]);
        // Named for the owner's list of devices.
        expect(backend.framesOf("subscribe")[0]!.browser).to.match(/^Chrome on /);
        expect(one("button.notify-off").textContent).to.equal("Stop notifying this device");
        await expectAccessible(inbox, "notifying this device");
        one("button.notify-off").click();
        await until(() => all("button.notify:not([disabled])").length, "off again");
        expect(backend.framesOf("unsubscribe")).to.have.length(1);
        expect(backend.pushDevices.size).to.equal(0);
        expect(push.state.unsubscribed).to.equal(1);
      } finally {
        push.restore();
      }
    });

    it("lists the devices notified, this browser marked, and removes one the owner does not recognise", async () => {
      const push = fakePush();
      try {
        const stranger = backend.addPushDevice("https://fcm.googleapis.com/fcm/send/stranger", {
          browser: "Chrome on Android",
          lastPushAt: Date.now() - 60_000,
        });
        await signedIn();
        await until(() => all("button.notify").length, "the control");
        one("button.notify").click();
        await until(() => all("button.notify-off").length, "this browser on");
        one("button.devices").click();
        await until(() => all("porch-devices >> li").length === 2, "two devices");
        const rows = all("porch-devices >> li").map((li) => li.textContent.replace(/\s+/g, " ").trim());
        expect(rows[0]).to.match(/^Chrome on \w+ \(this browser\) via Google · added .+ · not notified yet Remove$/);
        expect(rows[1]).to.match(/^Chrome on Android via Google · added .+ · last notified 1 minute ago Remove$/);
        expect(one("porch-devices >> dialog").hasAttribute("open")).to.equal(true);
        await expectAccessible(inbox, "the devices dialog");

        one(`porch-devices >> button[aria-label="Remove Chrome on Android"]`).click();
        await until(() => all("porch-devices >> li").length === 1, "removed");
        expect(backend.framesOf("removeDevice").map((frame) => frame.deviceId)).to.deep.equal([stranger.deviceId]);
        expect([...backend.pushDevices.keys()]).to.deep.equal(["https://push.example/device/1"]);
        expect(push.state.unsubscribed, "this browser's own subscription stays").to.equal(0);
        expect(one("porch-devices").shadowRoot!.activeElement, "the focus stays in the dialog").to.not.equal(null);

        // This browser's own: removed on the server and in the browser, and the control says so.
        one("porch-devices >> button.remove").click();
        await until(() => all("porch-devices >> [role=status]").some((p) => p.textContent.includes("No device is notified")), "none left");
        expect(push.state.unsubscribed).to.equal(1);
        one("porch-devices >> button.close").click();
        await until(() => all("button.notify").length, "this browser can be notified again");
      } finally {
        push.restore();
      }
    });

    it("says so when subscribing fails, and keeps the control", async () => {
      const push = fakePush();
      backend.failNext.push({ action: "subscribe", code: "rate_limited" });
      try {
        await signedIn();
        await until(() => all("button.notify").length, "the control");
        one("button.notify").click();
        await until(() => one(".status").textContent === "Notifications could not be turned on for this device. Try again later.", "said");
        expect(all("button.notify")).to.have.length(1);
        expect(push.state.unsubscribed, "the browser's subscription is undone").to.equal(1);
        await expectAccessible(inbox, "notifications failed");
      } finally {
        push.restore();
      }
    });
  });

  describe("two people, live", () => {
    const post = { url: "https://crumb.example/posts/sourdough-at-altitude", title: "Sourdough at altitude" };

    it("shows the visitor typing in the list and in the conversation, until their message arrives", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      backend.visitorWrites(grace, "Hello", { nickname: "Grace" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-conversation-view").length, "view");
      backend.visitorTypes(ada);
      backend.visitorTypes(grace);
      await until(() => all("porch-message-list >> .typing")[0]?.textContent === "Ada is typing…", "typing in the conversation");
      expect(rowOf("Grace")!.querySelector(".preview")!.textContent).to.equal("typing…");
      expect(rowOf("Ada")!.querySelector(".preview")!.textContent).to.equal("typing…");
      backend.visitorWrites(ada, "Here is my question");
      await until(() => !all("porch-message-list >> .typing").length, "gone with the message");
      expect(rowOf("Ada")!.querySelector(".preview")!.textContent).to.equal("Here is my question");
    });

    it("tells the visitor the owner is typing, at most every 3 s", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-reply-composer").length, "composer");
      one<HTMLTextAreaElement>("porch-reply-composer >> textarea").focus();
      await sendKeys({ type: "Let me check" });
      await until(() => backend.framesOf("typing").length === 1, "typing said");
      expect(backend.framesOf("typing")[0]!.visitorId).to.equal(ada);
      await sendKeys({ type: " the calendar" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(backend.framesOf("typing")).to.have.length(1);
    });

    it("says Seen under the owner's last reply the visitor has read, live and on a fresh load", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-reply-composer").length, "composer");
      for (const text of ["First reply", "Second reply"]) inbox.session.reply(ada, text);
      await until(() => all(".mine").filter((li) => li.textContent.includes("Sent")).length === 2, "both sent");
      const [first] = backend.messages.filter((m) => m.from === "owner");
      backend.visitorSees(ada, first!.id);
      await until(() => all(`porch-message-list >> li[data-id="${first!.id}"] .meta`)[0]?.textContent.includes("Seen"), "seen");
      expect(all(".mine").at(-1)!.textContent).to.contain("Sent").and.not.contain("Seen");
      inbox.remove();
      await signedIn();
      await until(() => all(`porch-message-list >> li[data-id="${first!.id}"]`).length, "history again");
      expect(one(`porch-message-list >> li[data-id="${first!.id}"] .meta`).textContent).to.contain("Seen");
    });

    it("says which page each message was written on, when it changes, and where the visitor is in the details", async () => {
      const rye = { url: "https://crumb.example/posts/rye" };
      // A title made to look like a link to another host (issue 21, finding 7).
      const spoof = {
        url: "https://crumb.example/posts/x",
        title: "https://your-site.example/inbox — Porch: session expired, sign in again",
      };
      backend.visitorWrites(ada, "On the post", { nickname: "Ada" }, post);
      backend.visitorWrites(ada, "Still on it", {}, post);
      backend.visitorWrites(ada, "Now elsewhere", {}, rye);
      backend.visitorWrites(ada, "And here", {}, spoof);
      const row = backend.conversations.get(ada)!;
      backend.conversations.set(ada, { ...row, referrer: "https://search.example/", language: "de-CH", timeZone: "Europe/Zurich" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-message-list >> .meta a").length === 3, "page links");
      const links = all<HTMLAnchorElement>("porch-message-list >> .meta a");
      // Each title with the host its link goes to; an address-like title as text, the host as the link.
      expect(links.map((a) => [a.textContent, a.href])).to.deep.equal([
        [post.title, post.url],
        [rye.url, rye.url],
        ["crumb.example", spoof.url],
      ]);
      expect(links.every((a) => a.rel === "noopener noreferrer" && a.target === "_blank")).to.equal(true);
      const metas = all("porch-message-list >> .meta").map((meta) => meta.textContent.replace(/\s+/g, " "));
      expect(metas.find((meta) => meta.includes(post.title))).to.contain(`${post.title} (crumb.example)`);
      expect(all("porch-message-list >> .meta .page-title").map((span) => span.textContent)).to.deep.equal([spoof.title]);
      const details = one("porch-visitor-details").shadowRoot!.textContent;
      expect(details).to.contain("Last page").and.contain(spoof.title).and.contain("crumb.example");
      expect(all<HTMLAnchorElement>("porch-visitor-details >> dd a").some((a) => a.textContent.includes("your-site"))).to.equal(false);
      // The visitor id is the visitor's only credential: never shown.
      expect(details).not.to.contain(ada);
      expect(details).to.contain("Came from").and.contain("https://search.example/");
      expect(details).to.contain("(de-CH)");
      expect(details).to.contain("(Europe/Zurich)");
    });

    it("separates days in the conversation", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      const yesterday = backend.messages.at(-1)!;
      yesterday.sentAt -= 86_400_000;
      backend.visitorWrites(ada, "Again today");
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-message-list >> li.day").length === 2, "two days");
      expect(all("porch-message-list >> li.day").map((day) => day.textContent.trim())).to.deep.equal(["Yesterday", "Today"]);
    });

    it("says there is nothing to answer yet, rather than to choose a conversation, when there is none", async () => {
      await signedIn();
      expect(one(".placeholder").textContent).to.contain("Nothing to answer yet");
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      await until(() => all(".placeholder")[0]?.textContent.includes("Choose a conversation"), "once there is one");
    });

    it("retries failed replies together, in the order written", async () => {
      backend.visitorWrites(ada, "Hi", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn();
      await until(() => all("porch-reply-composer").length, "composer");
      backend.failNext.push({ action: "send", code: "internal" }, { action: "send", code: "internal" });
      inbox.session.reply(ada, "one");
      inbox.session.reply(ada, "two");
      await until(() => all(".failed").length === 2, "failed");
      const ids = backend.framesOf("send").map((frame) => frame.id);
      one("porch-conversation-view >> .problem button").click();
      await until(() => all(".mine").filter((li) => li.textContent.includes("Sent")).length === 2, "sent");
      expect(
        backend
          .framesOf("send")
          .slice(2)
          .map((frame) => frame.id),
      ).to.deep.equal(ids);
    });
  });

  describe("languages", () => {
    /** What the inbox shows and says, however deep: its shadow trees' text, and the labels people hear. */
    function shown(root: ParentNode = inbox.shadowRoot!): string {
      const parts: string[] = [];
      for (const element of root.querySelectorAll("*")) {
        for (const name of ["aria-label", "title", "placeholder"]) parts.push(element.getAttribute(name) ?? "");
        if (element.shadowRoot) parts.push(shown(element.shadowRoot));
      }
      parts.push(...[...root.childNodes].map((node) => node.textContent ?? ""));
      return parts.join(" ");
    }
    /** The keys no sentence could say (`signInTitle`, `error_offline`), as words. */
    const rawKeys = Object.keys(defaultInboxStrings).filter((key) => /[A-Z_]/.test(key));
    /** `literal`: a sentence that shows a placeholder as it is, for the owner to type (the saved replies' `{name}`). */
    function expectFilledIn(where: string, literal: string) {
      const text = shown().replaceAll(literal, "");
      expect(text, `${where}: a placeholder is left`).not.to.match(/\{\w+\}/);
      expect(text, `${where}: a plural form's label is left`).not.to.match(/\b(zero|one|two|few|many|other): /);
      for (const key of rawKeys) expect(text.includes(key), `${where}: the raw key ${key}`).to.equal(false);
    }

    for (const locale of locales) {
      it(`${locale}: signs in, lists, shows a conversation with its details and the devices dialog in ${locale}, nothing left unfilled`, async () => {
        const catalogue = await inboxCatalogue(locale);
        await mount(undefined, locale);
        expect([inbox.lang, inbox.dir]).to.deep.equal([locale, ["ar", "he"].includes(locale) ? "rtl" : "ltr"]);
        expect(one("porch-sign-in >> h1").textContent.trim()).to.equal(catalogue.signInTitle);
        expectFilledIn(`${locale} sign-in`, catalogue.savedRepliesHint);
        inbox.remove();

        backend.visitorWrites(
          ada,
          "Hallo",
          { nickname: "Ada", email: "ada@example.com" },
          { url: "https://crumb.example/rye", title: "Rye" },
        );
        backend.visitorWrites(ada, "Noch da?");
        backend.visitorWrites(grace, "Hi");
        backend.conversations.set(ada, {
          ...backend.conversations.get(ada)!,
          language: "de-CH",
          timeZone: "Europe/Zurich",
          referrer: "https://s.example/",
        });
        backend.addPushDevice("https://fcm.googleapis.com/fcm/send/a", { browser: "Chrome on Android", lastPushAt: Date.now() - 60_000 });
        location.hash = routeTo(ada);
        await signedIn(undefined, locale);
        await until(() => all("porch-visitor-details").length, "details");
        inbox.session.reply(ada, "Ja");
        await until(() => all(".mine").length, "a reply");
        expect(one("porch-conversation-list").getAttribute("aria-label")).to.equal(catalogue.conversations);
        const unreadTotal = inbox.session.unreadTotal;
        expect(document.title).to.equal(unreadTotal ? say(locale, catalogue.titleUnread, { count: unreadTotal }) : catalogue.title);
        expect(one("porch-visitor-details >> dl").textContent).to.contain(new Intl.DisplayNames(locale, { type: "language" }).of("de-CH")!);
        expectFilledIn(`${locale} a conversation`, catalogue.savedRepliesHint);
        one("button.devices").click();
        await until(() => all("porch-devices >> li").length === 1, "a device");
        expect(one("porch-devices >> li").textContent).to.contain(
          new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(-1, "minute"),
          "when it was last notified, relative, in the language",
        );
        expectFilledIn(`${locale} devices`, catalogue.savedRepliesHint);
      });
    }

    it("counts unread conversations with the language's plural rules: 2 nieprzeczytane, 5 nieprzeczytanych", async () => {
      backend.visitorWrites(ada, "a", { nickname: "Ada" });
      backend.visitorWrites(grace, "b", { nickname: "Grace" });
      backend.conversations.set(ada, { ...backend.conversations.get(ada)!, unread: 2 });
      backend.conversations.set(grace, { ...backend.conversations.get(grace)!, unread: 5 });
      await signedIn(undefined, "pl");
      const unread = (name: string) => rowOf(name)!.querySelector(".sr")!.textContent;
      expect(unread("Ada")).to.equal("2 nieprzeczytane");
      expect(unread("Grace")).to.equal("5 nieprzeczytanych");
    });

    it("says how long conversations are kept with the language's plural rules: יום אחד, יומיים, 365 ימים", async () => {
      const line = () => all(".retention")[0]?.textContent ?? "";
      const shownFor: string[] = [];
      for (const days of [1, 2, 365]) {
        backend.retentionDays = days;
        await signedIn(undefined, "he");
        await until(() => line(), `the retention line for ${days} days`);
        shownFor.push(line());
        inbox.remove();
      }
      expect(shownFor).to.deep.equal([
        "שיחות נמחקות יום אחד אחרי ההודעה האחרונה בהן.",
        "שיחות נמחקות יומיים אחרי ההודעה האחרונה בהן.",
        "שיחות נמחקות 365 ימים אחרי ההודעה האחרונה בהן.",
      ]);
    });

    it("shows the attachment tray in the inbox's language: a refused file, why, and its remove button", async () => {
      backend.visitorWrites(ada, "Hallo", { nickname: "Ada" });
      location.hash = routeTo(ada);
      await signedIn(undefined, "de");
      await until(() => all("porch-conversation-view").length, "the conversation");
      // The fake backend's hello names no attachment policy: every file is refused for its type.
      one("porch-conversation-view").dispatchEvent(new AttachEvent([new File(["MZ"], "setup.exe", { type: "application/x-msdownload" })]));
      const refused = "setup.exe kann nicht gesendet werden: diese Dateiart wird nicht angenommen";
      await until(() => shown().includes(refused), "the refusal in German");
      expect(shown()).to.contain("setup.exe entfernen");
    });

    it("follows the owner's browser language, and its strings property still overrides any key", async () => {
      const browser = Object.getOwnPropertyDescriptor(Navigator.prototype, "languages")!;
      Object.defineProperty(Navigator.prototype, "languages", { configurable: true, get: () => ["ko-KR", "ja-JP", "en"] });
      try {
        await mount();
        expect(inbox.lang).to.equal("ja");
        expect(one("porch-sign-in >> h1").textContent.trim()).to.equal("受信箱にサインイン");
        inbox.strings = { signIn: "ログインする" };
        await settle();
        expect(one("porch-sign-in >> button").textContent.trim()).to.equal("ログインする");
        expect(one("porch-sign-in >> h1").textContent.trim()).to.equal("受信箱にサインイン");
      } finally {
        Object.defineProperty(Navigator.prototype, "languages", browser);
      }
    });
  });

  describe("accessibility (axe-core, target size, contrast of controls)", () => {
    before(() => emulateMedia({ reducedMotion: "reduce" }));
    after(() => emulateMedia({ reducedMotion: "no-preference" }));

    const states: Record<string, (theme: string) => Promise<void>> = {
      "sign-in, after a wrong password": async () => {
        await mount();
        await signIn("not it");
        await until(() => all("[role=alert]").length, "alert");
      },
      "the list": async () => {
        backend.visitorWrites(ada, "Is the course still open?", { nickname: "Ada" });
        for (let n = 0; n < 3; n++) backend.visitorWrites(crypto.randomUUID(), `question ${n}`);
        backend.visitorTypes(grace);
        await signedIn();
      },
      "a conversation: two days, a page, Seen, typing, details": async () => {
        backend.visitorWrites(
          ada,
          "Yesterday's question, see https://example.com",
          { nickname: "Ada", email: "ada@example.com" },
          {
            url: "https://crumb.example/posts/rye",
            title: "Rye at altitude",
          },
        );
        backend.messages.at(-1)!.sentAt -= 86_400_000;
        backend.visitorWrites(ada, "And today's");
        const row = backend.conversations.get(ada)!;
        backend.conversations.set(ada, { ...row, referrer: "https://search.example/", language: "en-GB", timeZone: "Europe/London" });
        location.hash = routeTo(ada);
        await signedIn();
        await until(() => all("porch-reply-composer").length, "composer");
        inbox.session.reply(ada, "An answer");
        await until(() => all(".mine").some((li) => li.textContent.includes("Sent")), "sent");
        backend.visitorSees(ada, backend.messages.at(-1)!.id);
        backend.visitorTypes(ada);
        await until(() => all("porch-message-list >> .typing").length, "typing");
        backend.failNext.push({ action: "send", code: "internal" });
        inbox.session.reply(ada, "This one fails");
        await until(() => all(".failed").length, "failed");
      },
      "the Done view, a done conversation with a note open, note mode, in Hebrew, right to left": async () => {
        backend.visitorWrites(ada, "Thanks, that's all", { nickname: "Ada" });
        backend.conversations.set(ada, { ...backend.conversations.get(ada)!, unread: 0, status: "done" });
        location.hash = routeTo(ada);
        await signedIn(undefined, "he");
        expect(getComputedStyle(inbox).direction).to.equal("rtl");
        await inbox.session.showView("done");
        await until(() => all("porch-conversation-view >> .status.reopen").length, "Reopen");
        backend.notes.push({ id: crypto.randomUUID(), visitorId: ada, text: "Sent the invoice form", writtenAt: Date.now() });
        for (const socket of backend.owners) socket.deliver({ type: "note", note: backend.notes.at(-1)! });
        await until(() => all("porch-message-list >> [part~=note]").length, "a note");
        one("porch-conversation-view >> .note-mode").click();
      },
      "the saved replies offered in a reply, right to left": async () => {
        document.documentElement.dir = "rtl";
        backend.savedReplies = [
          { id: crypto.randomUUID(), title: "Opening hours", text: "Hello {name}, we answer from 9 to 5." },
          { id: crypto.randomUUID(), title: "Invoice", text: "Yes {name}, you can pay by invoice." },
        ];
        backend.visitorWrites(ada, "Hello", { nickname: "Ada" });
        location.hash = routeTo(ada);
        await signedIn();
        await until(() => inbox.session.savedReplies?.length === 2, "the saved replies");
        one<HTMLTextAreaElement>("porch-reply-composer >> textarea").focus();
        await sendKeys({ type: "/" });
        await until(() => all("porch-reply-composer >> [role=option]").length === 2, "offered");
      },
      "the export in progress": async () => {
        fakeFilePicker();
        backend.visitorWrites(ada, "Hello", { nickname: "Ada" });
        backend.holdExports = true;
        await signedIn();
        one("button.export").click();
        await until(() => all("porch-export >> progress").length, "the progress");
      },
      "the saved replies dialog, one being edited": async () => {
        backend.savedReplies = [{ id: crypto.randomUUID(), title: "Shipping", text: "We ship within 2 days, {name}." }];
        await signedIn();
        one("button.saved-replies").click();
        await until(() => all("porch-saved-replies >> li").length === 1, "listed");
        one("porch-saved-replies >> .edit").click();
      },
      "the business hours dialog, a closing time before the opening, right to left": async () => {
        document.documentElement.dir = "rtl";
        backend.hours = { timeZone: "Europe/Oslo", weekly: [{ day: 1, from: "09:00", to: "17:00" }], notifyOutsideHours: false };
        await signedIn();
        one("button.business-hours").click();
        await until(() => all("porch-business-hours >> [name=to-1]").length, "the week");
        const to = one<HTMLInputElement>("porch-business-hours >> [name=to-1]");
        to.value = "08:00";
        to.dispatchEvent(new Event("change", { bubbles: true }));
        one("porch-business-hours >> .save").click();
        await until(() => all("porch-business-hours >> [role=alert]").length, "the alert");
      },
    };

    for (const theme of ["light", "dark"]) {
      for (const [state, setUp] of Object.entries(states)) {
        it(`has no serious violation, no target under 24 px and no faint control: ${state}, ${theme}`, async () => {
          inbox = document.createElement("porch-inbox");
          await setUp(theme);
          inbox.theme = theme as "light" | "dark";
          await settle();
          await expectAccessible(inbox, `${state}, ${theme}`);
        });
      }
      it(`has none in the devices dialog on a phone (390×844), ${theme}`, async () => {
        await setViewport({ width: 390, height: 844 });
        try {
          backend.addPushDevice("https://fcm.googleapis.com/fcm/send/a", { browser: "Chrome on Android", lastPushAt: Date.now() - 60_000 });
          backend.addPushDevice("https://updates.push.services.mozilla.com/wpush/v2/b", {
            browser: "Firefox on Linux",
            service: "Mozilla",
          });
          await signedIn("390px");
          inbox.theme = theme as "light" | "dark";
          one("button.devices").click();
          await until(() => all("porch-devices >> li").length === 2, "two devices");
          await settle();
          await expectAccessible(inbox, `devices on a phone, ${theme}`);
        } finally {
          await setViewport({ width: 1280, height: 800 });
        }
      });
      it(`has none in the saved replies dialog on a phone (390×844), ${theme}`, async () => {
        await setViewport({ width: 390, height: 844 });
        try {
          await states["the saved replies dialog, one being edited"]!(theme);
          inbox.theme = theme as "light" | "dark";
          inbox.style.width = "390px";
          await until(() => inbox.narrow, "one pane at a time");
          await settle();
          await expectAccessible(inbox, `saved replies on a phone, ${theme}`);
        } finally {
          await setViewport({ width: 1280, height: 800 });
        }
      });
      it(`has none in the business hours dialog on a phone (390×844), ${theme}`, async () => {
        await setViewport({ width: 390, height: 844 });
        try {
          backend.hours = {
            timeZone: "America/Argentina/ComodRivadavia",
            weekly: [{ day: 3, from: "08:30", to: "24:00" }],
            notifyOutsideHours: true,
          };
          await signedIn("390px");
          inbox.theme = theme as "light" | "dark";
          await until(() => inbox.narrow, "one pane at a time");
          one(".menu").click();
          await settle();
          one("button.business-hours").click();
          await until(() => all("porch-business-hours >> [name=to-3]").length, "the week");
          await settle();
          await expectAccessible(inbox, `business hours on a phone, ${theme}`);
        } finally {
          await setViewport({ width: 1280, height: 800 });
        }
      });
      it(`has none in the export's progress on a phone (390×844), ${theme}`, async () => {
        await setViewport({ width: 390, height: 844 });
        try {
          await states["the export in progress"]!(theme);
          inbox.theme = theme as "light" | "dark";
          inbox.style.width = "390px";
          await until(() => inbox.narrow, "one pane at a time");
          await settle();
          await expectAccessible(inbox, `the export on a phone, ${theme}`);
        } finally {
          await setViewport({ width: 1280, height: 800 });
        }
      });
      it(`has none on a phone either (390×844), ${theme}`, async () => {
        await setViewport({ width: 390, height: 844 });
        try {
          await states["a conversation: two days, a page, Seen, typing, details"]!(theme);
          inbox.theme = theme as "light" | "dark";
          inbox.style.width = "390px";
          await until(() => inbox.narrow, "one pane at a time");
          await settle();
          one("porch-conversation-view >> .details").click();
          await settle();
          await expectAccessible(inbox, `phone, ${theme}`);
          one(".menu").click();
          await settle();
          await expectAccessible(inbox, `phone, the header's menu open, ${theme}`);
        } finally {
          await setViewport({ width: 1280, height: 800 });
        }
      });
    }
    void limits;
  });
});
