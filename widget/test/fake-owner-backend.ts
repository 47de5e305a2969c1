import type { ChatMessage, ConversationSummary, PrivateNote, SavedReply, HoursSetting } from "#protocol";
import { FakeBackend, type FakeSocket } from "./fake-backend.ts";

type Frame = Parameters<FakeBackend["handle"]>[1];

/** A device as the fake keeps it: what `devices` lists, and its endpoint's keys. */
export interface PushDevice {
  deviceId: string;
  keys: { p256dh: string; auth: string };
  browser: string | null;
  service: string;
  subscribedAt: number;
  lastPushAt: number | null;
}

/**
 * The fake backend, also speaking the owner's side of the protocol for `<porch-inbox>` tests:
 * login (one password, one token), hello with the first inbox page, inbox pages (of a view), unread,
 * list, send, read, block, unblock, delete, done, reopen, note, notes, typing, resolve, logout, pushKey, subscribe, unsubscribe, devices, removeDevice, replies, saveReply, deleteReply and hours, with the pushes the real backend sends to other
 * owner tabs. The visitors' side is played by methods: `visitorWrites`, `visitorTypes`, `visitorSees`.
 */
export class FakeOwnerBackend extends FakeBackend {
  password = "open sesame";
  token = "valid-token";
  pageSize = 20;
  readonly conversations = new Map<string, ConversationSummary>();
  /** The owner's private notes, oldest first. */
  readonly notes: PrivateNote[] = [];
  /** The owner's saved replies, as `replies` answers them. */
  savedReplies: SavedReply[] = [];
  /** The owner's business hours, as `hours` answers them. */
  hours: HoursSetting = { timeZone: "UTC", weekly: [], notifyOutsideHours: false };
  /** The deployment's VAPID public key (`pushKey`): 65 bytes, an uncompressed P-256 point. */
  readonly pushKey = `B${"A".repeat(86)}`;
  /** Push devices by endpoint (`subscribe`, `unsubscribe`, `devices`, `removeDevice`). */
  readonly pushDevices = new Map<string, PushDevice>();
  /** Notification links' references, as the real backend would resolve them. */
  private readonly references = new Map<string, string>();
  /** While set, `export` pages wait for `releaseExports()` (so a test can look at the progress). */
  holdExports = false;
  private readonly heldExports: (() => void)[] = [];

  releaseExports(): void {
    this.holdExports = false;
    for (const answer of this.heldExports.splice(0)) answer();
  }
  private now = Date.now();

  /** A device subscribed (by `subscribe`, or by the test as another browser of the owner's). */
  addPushDevice(endpoint: string, device: Partial<PushDevice> = {}): PushDevice {
    const added: PushDevice = {
      deviceId: String(this.pushDevices.size + 1).padStart(43, "D"),
      keys: { p256dh: `B${"x".repeat(86)}`, auth: "y".repeat(21) + "A" },
      browser: null,
      service: "Google",
      subscribedAt: ++this.now,
      lastPushAt: null,
      ...device,
    };
    this.pushDevices.set(endpoint, added);
    return added;
  }

  /** A reference to a conversation, as a notification's link carries it (`#/r/<ref>`). */
  referenceTo(visitorId: string): string {
    const ref = crypto.randomUUID().replaceAll("-", "");
    this.references.set(ref, visitorId);
    return ref;
  }

  /** A visitor writes (from `page`): stored, the row updated, pushed to every owner socket with the row. */
  visitorWrites(
    visitorId: string,
    text: string,
    profile: { nickname?: string; email?: string } = {},
    page?: { url: string; title?: string },
  ): ChatMessage {
    const message: ChatMessage = {
      id: crypto.randomUUID(),
      visitorId,
      from: "visitor",
      text,
      sentAt: ++this.now,
      ...(page ? { page } : {}),
    };
    this.messages.push(message);
    const held = this.conversations.get(visitorId);
    const row: ConversationSummary = {
      visitorId,
      status: "open",
      ref: held?.ref ?? this.referenceTo(visitorId),
      nickname: profile.nickname ?? held?.nickname ?? null,
      email: profile.email ?? held?.email ?? null,
      lastMessage: text,
      lastMessageFrom: "visitor",
      lastMessageAt: message.sentAt,
      unread: (held?.unread ?? 0) + 1,
      firstSeenAt: held?.firstSeenAt ?? message.sentAt,
      lastSeenAt: message.sentAt,
      blocked: held?.blocked ?? false,
      visitorSeenUpTo: held?.visitorSeenUpTo ?? null,
      lastPage: page ?? held?.lastPage ?? null,
      referrer: held?.referrer ?? null,
      language: held?.language ?? null,
      timeZone: held?.timeZone ?? null,
      messageCount: (held?.messageCount ?? 0) + 1,
    };
    this.conversations.set(visitorId, row);
    if (!this.pushLost()) this.toOwners(null, { type: "message", message, conversation: row });
    return message;
  }

  /** The visitor is writing: every owner socket is told. */
  visitorTypes(visitorId: string): void {
    this.toOwners(null, { type: "typing", visitorId, from: "visitor" });
  }

  /** The visitor has been shown their conversation up to `upTo`: the row says so, every owner socket is told. */
  visitorSees(visitorId: string, upTo: string): void {
    const row = this.conversations.get(visitorId);
    if (row) this.conversations.set(visitorId, { ...row, visitorSeenUpTo: upTo });
    this.toOwners(null, { type: "seen", visitorId, upTo, by: "visitor" });
  }

  get owners(): FakeSocket[] {
    return this.open.filter((socket) => socket.isOwner);
  }

  /** The unread total and the views' counts, as the real backend keeps them. */
  private totals() {
    const rows = this.rows();
    const open = rows.filter((r) => r.status === "open");
    const messages = (listed: ConversationSummary[]) => listed.reduce((sum, r) => sum + r.messageCount, 0);
    return {
      unreadTotal: rows.reduce((sum, r) => sum + r.unread, 0),
      counts: { open: open.length, done: rows.length - open.length, unread: open.filter((r) => r.unread > 0).length },
      messages: {
        open: messages(open),
        done: messages(rows.filter((r) => r.status === "done")),
        unread: messages(open.filter((r) => r.unread > 0)),
      },
    };
  }

  /** Rows newest first, as the inbox index orders them; those of one view when asked. */
  private rows(view?: Frame): ConversationSummary[] {
    const status = view?.status ?? "open";
    return [...this.conversations.values()]
      .filter((r) => !view || (r.status === status && (view.unread !== true || r.unread > 0)))
      .sort((a, b) => b.lastMessageAt - a.lastMessageAt);
  }

  private page(offset: number, view: Frame) {
    const rows = this.rows(view);
    const end = offset + this.pageSize;
    return { conversations: rows.slice(offset, end), cursor: end < rows.length ? String(end) : null };
  }

  private toOwners(except: FakeSocket | null, frame: Record<string, unknown>): void {
    for (const socket of this.owners) if (socket !== except) socket.deliver(frame);
  }

  override handle(socket: FakeSocket, frame: Frame): void {
    const rid = frame.rid;
    if (frame.action === "login") {
      this.received.push(frame);
      if (frame.password === this.password) socket.deliver({ type: "session", rid, token: this.token, expiresAt: Date.now() + 3_600_000 });
      else socket.deliver({ type: "error", rid, code: "unauthorized", message: "wrong password" });
      return;
    }
    if (!("token" in frame)) return super.handle(socket, frame);
    this.received.push(frame);
    const failure = this.failNext.findIndex((f) => f.action === frame.action);
    if (failure >= 0) {
      const { code } = this.failNext.splice(failure, 1)[0]!;
      socket.deliver({ type: "error", rid, code, message: `fake ${code}` });
      return;
    }
    if (frame.token !== this.token) {
      socket.deliver({ type: "error", rid, code: "unauthorized", message: "your session has expired: sign in again" });
      return;
    }
    const visitorId = String(frame.visitorId);
    const row = this.conversations.get(visitorId);
    switch (frame.action) {
      case "hello": {
        socket.isOwner = true;
        socket.deliver({
          type: "hello",
          rid,
          serverTime: Date.now(),
          ...this.page(0, frame),
          ...this.totals(),
          retentionDays: this.retentionDays,
        });
        return;
      }
      case "inbox":
        socket.deliver({ type: "inbox", rid, ...this.page(Number(frame.cursor ?? 0), frame) });
        return;
      case "unread":
        socket.deliver({ type: "unread", rid, ...this.totals() });
        return;
      case "ping": {
        const newest = this.rows().find((r) => r.status === "open");
        const latest = newest ? { visitorId: newest.visitorId, lastMessageAt: newest.lastMessageAt } : null;
        socket.deliver({ type: "pong", rid, serverTime: Date.now(), latest, ...this.totals() });
        return;
      }
      case "typing":
        for (const other of this.open) if (other.visitorId === visitorId) other.deliver({ type: "typing", visitorId, from: "owner" });
        socket.deliver({ type: "typing", rid, visitorId, relayed: true });
        return;
      case "list": {
        const history = this.messages.filter((m) => m.visitorId === visitorId);
        socket.deliver({ type: "history", rid, visitorId, messages: history, more: false, cursor: null, count: history.length });
        return;
      }
      case "send": {
        const resent = this.messages.find((m) => m.id === frame.id);
        if (resent) return socket.deliver({ type: "sent", rid, message: resent });
        const message: ChatMessage = { id: String(frame.id), visitorId, from: "owner", text: String(frame.text), sentAt: ++this.now };
        this.messages.push(message);
        const updated = {
          ...row!,
          lastMessage: message.text,
          lastMessageFrom: "owner" as const,
          lastMessageAt: message.sentAt,
          unread: 0,
          messageCount: row!.messageCount + 1,
        };
        this.conversations.set(visitorId, updated);
        this.toOwners(socket, { type: "message", message, conversation: updated });
        for (const other of this.open) if (other.visitorId === visitorId) other.deliver({ type: "message", message });
        socket.deliver({ type: "sent", rid, message, conversation: updated });
        return;
      }
      case "read":
      case "block":
      case "unblock": {
        if (!row) return socket.deliver({ type: "error", rid, code: "not_found", message: "no such conversation" });
        const updated = frame.action === "read" ? { ...row, unread: 0 } : { ...row, blocked: frame.action === "block" };
        this.conversations.set(visitorId, updated);
        this.toOwners(socket, { type: "conversation", conversation: updated });
        socket.deliver(
          frame.action === "read" ? { type: "read", rid, visitorId } : { type: "blocked", rid, visitorId, blocked: updated.blocked },
        );
        return;
      }
      case "done":
      case "reopen": {
        if (!row) return socket.deliver({ type: "error", rid, code: "not_found", message: "no such conversation" });
        const updated = { ...row, status: frame.action === "done" ? ("done" as const) : ("open" as const) };
        this.conversations.set(visitorId, updated);
        this.toOwners(socket, { type: "conversation", conversation: updated });
        socket.deliver({ type: frame.action === "done" ? "done" : "reopened", rid, conversation: updated });
        return;
      }
      case "note": {
        if (!row) return socket.deliver({ type: "error", rid, code: "not_found", message: "no such conversation" });
        const note = this.notes.find((n) => n.id === frame.id) ?? {
          id: String(frame.id),
          visitorId,
          text: String(frame.text),
          writtenAt: ++this.now,
        };
        if (!this.notes.includes(note)) this.notes.push(note);
        this.toOwners(socket, { type: "note", note });
        socket.deliver({ type: "noted", rid, note });
        return;
      }
      case "notes":
        socket.deliver({ type: "notes", rid, visitorId, notes: this.notes.filter((n) => n.visitorId === visitorId), cursor: null });
        return;
      case "resolve": {
        const resolved = this.references.get(String(frame.ref));
        if (!resolved) return socket.deliver({ type: "error", rid, code: "not_found", message: "no such reference" });
        socket.deliver({ type: "resolved", rid, ref: String(frame.ref), visitorId: resolved });
        return;
      }
      case "pushKey":
        socket.deliver({ type: "pushKey", rid, publicKey: this.pushKey });
        return;
      case "subscribe": {
        const { endpoint, keys } = frame.subscription as { endpoint: string; keys: { p256dh: string; auth: string } };
        this.addPushDevice(endpoint, { keys, browser: typeof frame.browser === "string" ? frame.browser : null });
        socket.deliver({ type: "subscribed", rid });
        return;
      }
      case "devices": {
        const devices = [...this.pushDevices].map(([endpoint, { keys: _keys, ...device }]) => ({
          ...device,
          current: endpoint === frame.endpoint,
        }));
        socket.deliver({ type: "devices", rid, devices: devices.sort((a, b) => b.subscribedAt - a.subscribedAt) });
        return;
      }
      case "removeDevice": {
        const endpoint = [...this.pushDevices].find(([, device]) => device.deviceId === frame.deviceId)?.[0];
        socket.deliver({
          type: "deviceRemoved",
          rid,
          deviceId: String(frame.deviceId),
          removed: !!endpoint && this.pushDevices.delete(endpoint),
        });
        return;
      }
      case "logout":
        socket.deliver({ type: "loggedOut", rid });
        return;
      case "unsubscribe":
        socket.deliver({ type: "unsubscribed", rid, removed: this.pushDevices.delete(String(frame.endpoint)) });
        return;
      case "replies":
        socket.deliver({ type: "replies", rid, replies: this.savedReplies });
        return;
      case "saveReply":
      case "deleteReply": {
        const others = this.savedReplies.filter((reply) => reply.id !== frame.id);
        const saved = { id: String(frame.id), title: String(frame.title), text: String(frame.text) };
        const index = this.savedReplies.findIndex((reply) => reply.id === frame.id);
        if (frame.action === "deleteReply") this.savedReplies = others;
        else if (index < 0) this.savedReplies = [...this.savedReplies, saved];
        else this.savedReplies = this.savedReplies.with(index, saved);
        this.toOwners(socket, { type: "replies", replies: this.savedReplies });
        socket.deliver({ type: "replies", rid, replies: this.savedReplies });
        return;
      }
      case "hours": {
        if (frame.weekly) {
          const weekly = frame.weekly as HoursSetting["weekly"];
          this.hours = { timeZone: String(frame.timeZone), weekly, notifyOutsideHours: frame.notifyOutsideHours === true };
          this.toOwners(socket, { type: "hours", ...this.hours });
        }
        socket.deliver({ type: "hours", rid, ...this.hours });
        return;
      }
      case "export": {
        // One conversation a page, so a small export has several; the cursor is the next one's index.
        const answer = () => {
          const rows = this.rows();
          const offset = frame.cursor === undefined ? 0 : Number(frame.cursor);
          const one = rows[offset];
          const of = <T extends { visitorId: string }>(items: T[]) => items.filter((item) => item.visitorId === one?.visitorId).reverse();
          socket.deliver({
            type: "exportPage",
            rid,
            conversations: one ? [{ conversation: one, messages: of(this.messages), notes: of(this.notes) }] : [],
            ...(offset === 0 ? { savedReplies: this.savedReplies, hours: { timeZone: "UTC", weekly: [] } } : {}),
            cursor: offset + 1 < rows.length ? String(offset + 1) : null,
          });
        };
        if (this.holdExports) this.heldExports.push(answer);
        else answer();
        return;
      }
      case "delete": {
        if (!row) return socket.deliver({ type: "error", rid, code: "not_found", message: "no such conversation" });
        this.conversations.delete(visitorId);
        this.messages.splice(0, this.messages.length, ...this.messages.filter((m) => m.visitorId !== visitorId));
        const clearedAt = ++this.now;
        this.toOwners(socket, { type: "deleted", visitorId, clearedAt });
        socket.deliver({ type: "deleted", rid, visitorId, clearedAt });
        return;
      }
    }
  }
}
