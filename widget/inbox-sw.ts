/**
 * The inbox's service worker (dist/inbox-sw.js, a classic script), registered by the inbox with
 * the scope `/inbox` (infra/hosting.ts): it controls the inbox page and nothing else of the site.
 * It shows the owner's Web Push notifications (backend/notify/push.ts sends them while no inbox is
 * open) and opens the conversation a tapped one names. It caches nothing: the inbox is live or it
 * is nothing, and an old inbox kept by a worker would speak an old protocol.
 *
 * Typed by hand (the project's TypeScript config is the page's, DOM, not WebWorker).
 */

interface PushMessage {
  json(): unknown;
}
interface ShownNotification {
  readonly data: unknown;
  close(): void;
}
interface WorkerClient {
  readonly url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface ServiceWorkerScope {
  readonly location: { readonly origin: string };
  readonly registration: {
    readonly scope: string;
    showNotification(
      title: string,
      options: { body: string; tag?: string; icon: string; badge: string; data: unknown; renotify?: boolean },
    ): Promise<void>;
  };
  readonly clients: {
    matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<WorkerClient[]>;
    openWindow(url: string): Promise<unknown>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "push", listener: (event: ExtendableEvent & { readonly data: PushMessage | null }) => void): void;
  addEventListener(
    type: "notificationclick",
    listener: (event: ExtendableEvent & { readonly notification: ShownNotification }) => void,
  ): void;
}

const worker = self as unknown as ServiceWorkerScope;

/** The inbox page, next to this worker. */
const inboxUrl = () => new URL("inbox.html", worker.registration.scope).href;

/** Where a tap may go: a page of this site, else the inbox (a payload never sends the owner elsewhere). */
function safeUrl(value: unknown): string {
  if (typeof value !== "string" || !URL.canParse(value)) return inboxUrl();
  const url = new URL(value);
  return url.origin === worker.location.origin ? url.href : inboxUrl();
}

/** What a push says, read defensively: plain strings, shown as text (a notification renders no markup). */
function notificationOf(data: PushMessage | null) {
  let payload: Record<string, unknown> = {};
  try {
    const parsed = data?.json();
    if (parsed && typeof parsed === "object") payload = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: still worth a notification (the browser requires one per push).
  }
  const text = (value: unknown, fallback: string) => (typeof value === "string" && value.trim() ? value : fallback);
  return {
    title: text(payload.title, "New message on your site"),
    body: text(payload.body, ""),
    url: safeUrl(payload.url),
    tag: typeof payload.tag === "string" ? payload.tag : undefined,
  };
}

// A new version takes over at once: it holds no state, and nothing caches an old inbox.
worker.addEventListener("install", (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener("activate", (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener("push", (event) => {
  const { title, body, url, tag } = notificationOf(event.data);
  const icons = { icon: new URL("icons/inbox-192.png", worker.registration.scope).href };
  event.waitUntil(
    worker.registration.showNotification(title, {
      body,
      icon: icons.icon,
      badge: icons.icon,
      data: { url },
      ...(tag ? { tag, renotify: true } : {}),
    }),
  );
});

/**
 * Opens `url` in an inbox window if one is open (it follows the hash), else in a new one; also
 * when that window cannot be navigated (one this worker does not control yet).
 */
async function openConversation(url: string): Promise<void> {
  const windows = await worker.clients.matchAll({ type: "window", includeUncontrolled: true });
  const scope = new URL(worker.registration.scope).pathname;
  const inbox = windows.find((client) => new URL(client.url).pathname.startsWith(scope));
  const navigated = inbox ? await inbox.navigate(url).catch(() => null) : null;
  if (inbox && navigated) {
    await inbox.focus().catch(() => undefined);
    return;
  }
  await worker.clients.openWindow(url);
}

worker.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const { url } = (event.notification.data ?? {}) as { url?: unknown };
  // Started before waitUntil, which keeps the worker alive until the window is open.
  const opening = openConversation(safeUrl(url));
  event.waitUntil(opening);
});
