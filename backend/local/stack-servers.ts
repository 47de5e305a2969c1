/**
 * The local stack's two HTTP servers (docs/local-stack.md, "The rest of the local stack"): the
 * public one, and the internal one on loopback, and who answers what on each.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { closeServer, listen } from "./http-server.ts";
import { isAddressOrLocalhost, type LocalSes } from "./ses.ts";

/** An emulator served on a port: it answers the requests meant for it, and returns false for any other. */
export interface RequestAnswerer {
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
}

/**
 * The internal APIs serve the handlers' AWS SDK clients, never a browser: a request carrying
 * `Origin` or `Sec-Fetch-Site` (which browsers add) is refused, so a web page the developer
 * visits cannot drive them; so is one whose Host is not this loopback address (DNS rebinding).
 */
function fromABrowser(req: IncomingMessage, origin: string): boolean {
  return req.headers.origin !== undefined || req.headers["sec-fetch-site"] !== undefined || req.headers.host !== origin;
}

/**
 * `/_aws/ses` is on the stack's own port, where LocalStack has it and reply-email tests read it;
 * but the emails' links open their conversations, so it answers this machine only, whatever
 * `host` is: a loopback peer, naming the stack by an address or `localhost` (not a DNS name that
 * could have been rebound to this machine), and not a web page (no `Origin`; `Sec-Fetch-Site`
 * only `none`, an address typed in).
 */
function fromThisMachine(req: IncomingMessage): boolean {
  const peer = req.socket.remoteAddress ?? "";
  const fetchSite = req.headers["sec-fetch-site"];
  return (
    (/^(::ffff:)?127\./.test(peer) || peer === "::1") &&
    isAddressOrLocalhost(req.headers.host) &&
    req.headers.origin === undefined &&
    (fetchSite === undefined || fetchSite === "none")
  );
}

function isCapturedEmails(req: IncomingMessage): boolean {
  return new URL(req.url ?? "/", "http://local").pathname === "/_aws/ses";
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" }).end(`${text}\n`);
}

/**
 * The public server (the site's files, the WebSocket upgrades a gateway attaches to it, the
 * unsubscribe function URL, public on AWS too; and the captured emails, for this machine only)
 * and the internal one, on loopback, whatever the public host: what the handlers' AWS SDK clients
 * call. The emulators whose URLs need the ports are added once both listen; until then their
 * requests fall through.
 */
export class StackServers {
  readonly site: Server = createServer((req, res) => this.answerSite(req, res));
  readonly internal: Server = createServer((req, res) => this.answerInternal(req, res));
  private readonly siteAnswerers: RequestAnswerer[] = [];
  private readonly internalAnswerers: RequestAnswerer[] = [];
  /** `127.0.0.1:<port>` once the internal server listens: the only Host it answers. */
  private internalOrigin = "";

  constructor(
    private readonly ses: LocalSes,
    private readonly serveStatic: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  ) {}

  /** Listens: the site on `host:port` (0 picks a free port), the internal APIs on a free loopback port. */
  async listen(host: string, port: number): Promise<{ origin: string; internalOrigin: string }> {
    const sitePort = await listen(this.site, port, host);
    try {
      this.internalOrigin = `127.0.0.1:${await listen(this.internal, 0, "127.0.0.1")}`;
    } catch (error) {
      this.site.close();
      throw error;
    }
    return { origin: `${host}:${sitePort}`, internalOrigin: this.internalOrigin };
  }

  /** Serves `answerer` on the public port, before the captured emails and the site's files. */
  serveOnSite(answerer: RequestAnswerer): void {
    this.siteAnswerers.push(answerer);
  }

  /** Serves the internal APIs, asked in this order. */
  serveInternally(...answerers: RequestAnswerer[]): void {
    this.internalAnswerers.push(...answerers);
  }

  async close(): Promise<void> {
    for (const server of [this.site, this.internal]) await closeServer(server);
  }

  private answerSite(req: IncomingMessage, res: ServerResponse): void {
    if (this.siteAnswerers.some((answerer) => answerer.handleRequest(req, res))) return;
    if (isCapturedEmails(req) && !fromThisMachine(req)) return refuse(res, 403, "forbidden: /_aws/ses answers this machine only");
    if (this.ses.handleRequest(req, res)) return;
    void this.serveStatic(req, res);
  }

  private answerInternal(req: IncomingMessage, res: ServerResponse): void {
    if (fromABrowser(req, this.internalOrigin)) {
      return refuse(res, 403, "forbidden: the local stack's internal APIs answer its handlers only");
    }
    if (this.internalAnswerers.some((answerer) => answerer.handleRequest(req, res))) return;
    refuse(res, 404, "not found");
  }
}
