import type { ReactiveController, ReactiveControllerHost } from "lit";
import type {
  ChatMessage,
  ErrorCode,
  HistoryReply,
  OwnerPresence,
  VisitorHelloReply,
  VisitorProfile,
  VisitorRequest,
} from "../../backend/protocol/frames.ts";
import { PorchServerError } from "../connection/errors.ts";
import { PorchConnection } from "../connection/porch-connection.ts";
import { uuidV4 } from "../connection/uuid.ts";
import { VisitorIdentity } from "./visitor-identity.ts";

/** A message as the visitor sees it: stored (`sent`), on its way (`pending`), or refused (`failed`). */
export interface ShownMessage extends Omit<ChatMessage, "sentAt"> {
  /** The server's clock; null until the server has stored it. */
  sentAt: number | null;
  status: "sent" | "pending" | "failed";
  error?: ProblemReport;
}

/** Why something the visitor did failed: a protocol error code, or "offline". */
export interface ProblemReport {
  code: ErrorCode | "offline";
  message: string;
}

export interface VisitorSessionHost extends ReactiveControllerHost, HTMLElement {
  /** The WebSocket endpoint, read at every connect. */
  readonly resolvedEndpoint: string;
  /** A message the conversation did not have arrived (not during the first history load). */
  messageArrived(message: ChatMessage): void;
}

/** History order, `(sentAt, id)`, as the server sorts; messages not stored yet come last. */
const byHistoryOrder = (a: Pick<ShownMessage, "sentAt" | "id">, b: Pick<ShownMessage, "sentAt" | "id">): number =>
  a.sentAt === null || b.sentAt === null
    ? (a.sentAt === null ? 1 : 0) - (b.sentAt === null ? 1 : 0)
    : a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const cursorOf = (message: { sentAt: number | null; id: string }) => `${message.sentAt}:${message.id}`;

/**
 * The visitor's side of one conversation, as a reactive controller of `<porch-chat>`: identity,
 * connection, history (merged by message id, so nothing shows twice), optimistic sends, presence.
 */
export class VisitorSession implements ReactiveController {
  readonly identity = new VisitorIdentity();
  readonly connection: PorchConnection<VisitorRequest, "visitorId">;
  owner: OwnerPresence | null = null;
  /** Server clock minus this clock, from the last hello; "last seen" is computed on server time. */
  clockSkewMs = 0;
  profile: VisitorProfile | null = null;
  /** True when older history exists than the oldest message shown. */
  hasEarlier = false;
  /** The last failure that is not about one message (register, history). */
  problem: ProblemReport | null = null;

  private readonly byId = new Map<string, ShownMessage>();
  private sorted: ShownMessage[] = [];
  private historyLoaded = false;
  private readonly storageChanged = (event: StorageEvent) => {
    if (!VisitorIdentity.changedBy(event)) return;
    // Another tab started a conversation (or read a reply): follow it.
    if (this.identity.started) this.connection.start();
    this.host.requestUpdate();
  };

  constructor(private readonly host: VisitorSessionHost) {
    host.addController(this);
    this.connection = new PorchConnection(host, {
      url: () => host.resolvedEndpoint,
      credentials: () => ({ visitorId: this.identity.visitorId ?? "" }),
      onOpen: () => this.sayHello(),
      onPush: (frame) => {
        if (frame.type === "message") this.merge([frame.message]);
        // The owner erased this conversation: so does the widget.
        if (frame.type === "deleted") this.forgetHistory();
      },
    });
  }

  hostConnected(): void {
    addEventListener("storage", this.storageChanged);
    // A returning visitor with a conversation connects at load so replies are caught.
    if (this.identity.started) this.connection.start();
  }

  hostDisconnected(): void {
    removeEventListener("storage", this.storageChanged);
  }

  private forgetHistory(): void {
    this.byId.clear();
    this.sorted = [];
    this.host.requestUpdate();
  }

  get messages(): readonly ShownMessage[] {
    return this.sorted;
  }

  /** The visitor interacted: from now on they have an identity and a live connection. */
  begin(): void {
    this.identity.claim();
    this.connection.start();
  }

  send(text: string): void {
    this.begin();
    this.identity.markStarted();
    const message: ShownMessage = {
      id: uuidV4(),
      visitorId: this.identity.claim(),
      from: "visitor",
      text,
      sentAt: null,
      status: "pending",
    };
    this.put(message);
    this.deliver(message);
  }

  /** Sends a failed message again, under its original id. */
  retry(id: string): void {
    const message = this.byId.get(id);
    if (message?.status !== "failed") return;
    this.put({ ...message, status: "pending", error: undefined });
    this.deliver(message);
  }

  /** Sets or clears the optional nickname and email; resolves false (with `problem` set) on failure. */
  async register(profile: VisitorProfile): Promise<boolean> {
    this.begin();
    try {
      await this.connection.whenOnline();
      const reply = await this.connection.request({ action: "register", ...profile });
      this.profile = reply.visitor;
      this.identity.markStarted();
      this.problem = null;
      return true;
    } catch (error) {
      this.problem = problemOf(error);
      return false;
    } finally {
      this.host.requestUpdate();
    }
  }

  /** Loads the page of history before the oldest stored message shown. */
  async loadEarlier(): Promise<void> {
    const oldest = this.sorted.find((m) => m.sentAt !== null);
    if (!oldest) return;
    try {
      const page = await this.connection.request({ action: "list", before: cursorOf(oldest) });
      this.hasEarlier = page.more;
      this.merge(page.messages, false);
    } catch (error) {
      this.problem = problemOf(error);
      this.host.requestUpdate();
    }
  }

  private deliver(message: ShownMessage): void {
    this.connection.send({ action: "send", id: message.id, text: message.text }).then(
      (reply) => this.merge([reply.message]),
      (error: PorchServerError) => this.put({ ...message, status: "failed", error: problemOf(error) }),
    );
  }

  private async sayHello(): Promise<void> {
    const hello = (await this.connection.request({ action: "hello" })) as VisitorHelloReply;
    this.owner = hello.owner;
    this.clockSkewMs = hello.serverTime - Date.now();
    this.profile = hello.visitor;
    if (hello.visitor) this.identity.markStarted();
    this.host.requestUpdate();
    void this.catchUp();
  }

  /**
   * Fetches what this page missed: the newest page, then older pages only while they are still
   * newer than the newest message already held (a gap from a long disconnect).
   */
  private async catchUp(): Promise<void> {
    const newestHeld = this.sorted.findLast((m) => m.sentAt !== null);
    try {
      let page: HistoryReply = await this.connection.request({ action: "list" });
      const first = !this.historyLoaded;
      if (first) this.hasEarlier = page.more;
      this.merge(page.messages, !first);
      this.historyLoaded = true;
      const reachesBack = (p: HistoryReply) => !p.messages[0] || byHistoryOrder(p.messages[0], newestHeld!) <= 0;
      while (newestHeld && page.more && page.cursor && !reachesBack(page)) {
        page = await this.connection.request({ action: "list", before: page.cursor });
        this.merge(page.messages);
      }
      if (this.problem?.code === "offline") this.problem = null;
    } catch (error) {
      this.problem = problemOf(error);
      this.host.requestUpdate();
    }
  }

  /** Adds stored messages by id; announces the ones this page did not hold as stored yet. */
  private merge(messages: readonly ChatMessage[], announce = true): void {
    for (const message of messages) {
      const held = this.byId.get(message.id);
      if (held?.status === "sent") continue;
      this.put({ ...message, status: "sent" });
      if (message.from === "owner" && this.owner) this.owner = { online: true, lastSeenAt: message.sentAt };
      if (announce) this.host.messageArrived(message);
    }
  }

  private put(message: ShownMessage): void {
    this.byId.set(message.id, message);
    this.sorted = [...this.byId.values()].sort(byHistoryOrder);
    this.host.requestUpdate();
  }
}

function problemOf(error: unknown): ProblemReport {
  return error instanceof PorchServerError
    ? { code: error.code, message: error.message }
    : { code: "offline", message: String(error) };
}
