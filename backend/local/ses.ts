/**
 * A local Amazon SES for the handlers that send email: the SES v2 API (`SendEmail` and the rest)
 * and a web viewer of every email sent, from aws-ses-v2-local (a maintained npm package: its own
 * Express server, kept on loopback behind this module's front), so the same `SesEmailSender` code
 * runs on a laptop and on AWS; the SDK finds it through `AWS_ENDPOINT_URL_SESV2`.
 *
 * The front, on `endpoint`, passes every request to that server, except that tests may answer a
 * `SendEmail` with the errors SES gives (throttling, a failure, a rejected address), and it notes
 * the message id of each email this stack sent, so that:
 * - `GET /_aws/ses` on the stack's own port lists them in LocalStack's shape (its convention for
 *   captured email, `{messages:[{Id, Region, Source, Destination, Subject, Body:{text_part,
 *   html_part}, Timestamp}]}`), with each email's `ReplyTo` and custom `Headers` besides;
 *   `DELETE /_aws/ses` (or `?id=`) forgets them;
 * - the viewer at `endpoint` shows them (and any other email the package holds in this process).
 * Emails live in memory: a restart forgets them. docs/local-stack.md says what differs from SES.
 */
import { randomUUID } from "node:crypto";
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { closeServer, listen } from "./http-server.ts";

const require = createRequire(import.meta.url);
const { default: startPackageServer } = require("aws-ses-v2-local") as typeof import("aws-ses-v2-local");

/** Errors a `SendEmail` can be answered with, as SES's v2 API sends them. */
export const sesFaultReplies = {
  /** The account's sending rate is exceeded (the SDK retries, then gives up). */
  throttle: { status: 429, type: "TooManyRequestsException", message: "Maximum sending rate exceeded." },
  /** SES fails on its side. */
  fail: { status: 500, type: "InternalFailure", message: "The request processing has failed because of an unknown error." },
  /** SES refuses the email for good, e.g. an unverified recipient while the account is in the sandbox. */
  reject: { status: 400, type: "MessageRejected", message: "Email address is not verified." },
} as const;
export type SesFault = keyof typeof sesFaultReplies;

export interface SesFaults {
  /** Answer this `SendEmail` with an error instead of sending it (its JSON request as the SDK sent it). */
  sendEmail?: (request: SendEmailRequest) => SesFault | undefined;
}

/** The parts of a v2 `SendEmail` request the faults look at. */
export interface SendEmailRequest {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[] };
  Content?: { Simple?: { Subject?: { Data?: string } } };
}

/** An email in LocalStack's shape, plus its custom headers. */
export interface CapturedEmail {
  Id: string;
  Region: string;
  Source: string;
  Destination: { ToAddresses: string[]; CcAddresses: string[]; BccAddresses: string[] };
  Subject: string;
  Body: { text_part: string | null; html_part: string | null };
  Timestamp: string;
  /** `ReplyToAddresses` (answers by email: backend/email/reply-address.ts). */
  ReplyTo: string[];
  Headers: { Name: string; Value: string }[];
}

export interface LocalSesOptions {
  /** The front's port on 127.0.0.1 (0 picks a free one). */
  port?: number;
  faults?: SesFaults;
  log?: (line: string) => void;
}

export interface LocalSes {
  /** The SES API and the viewer: `AWS_ENDPOINT_URL_SESV2`, and the page a person opens. */
  readonly endpoint: string;
  /** `SendEmail` requests the front received, answered or faulted. */
  sendRequests(): number;
  /** Answers `/_aws/ses` on the stack's port and returns true, or returns false for any other request. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** The emails this stack sent, oldest first. */
  messages(): Promise<CapturedEmail[]>;
  close(): Promise<void>;
}

interface PackageEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  replyTo?: string[];
  headers?: { name: string; value: string }[];
  at: number;
}

const sendEmailPath = "/v2/email/outbound-emails";

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * A Host header that names an IP address or `localhost`, never a domain name: a web page whose
 * name was rebound to this machine's address names itself, and is refused.
 */
export function isAddressOrLocalhost(host: string | undefined): boolean {
  if (!host || !URL.canParse(`http://${host}`)) return false;
  const { hostname } = new URL(`http://${host}`);
  return hostname === "localhost" || hostname.startsWith("[") || /^\d+\.\d+\.\d+\.\d+$/.test(hostname);
}

/** An email the package holds, in LocalStack's shape. */
function capturedEmail(email: PackageEmail, region: string): CapturedEmail {
  return {
    Id: email.messageId,
    Region: region,
    Source: email.from,
    Destination: { ToAddresses: email.destination.to, CcAddresses: email.destination.cc, BccAddresses: email.destination.bcc },
    Subject: email.subject,
    Body: { text_part: email.body.text ?? null, html_part: email.body.html ?? null },
    Timestamp: new Date(email.at * 1000).toISOString(),
    ReplyTo: email.replyTo ?? [],
    Headers: (email.headers ?? []).map(({ name, value }) => ({ Name: name, Value: value })),
  };
}

function parsedSendEmail(body: Buffer): SendEmailRequest {
  try {
    return JSON.parse(body.toString("utf8") || "{}") as SendEmailRequest;
  } catch {
    return {}; // the package answers it
  }
}

const capturedJsonHeaders = { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff" };

/**
 * The front on `endpoint`: passes requests to the package's server, answers a faulted `SendEmail`
 * itself, and keeps the ids of the emails this stack sent.
 */
class SesFront implements LocalSes {
  private readonly front = createServer((req, res) => this.receive(req, res));
  private readonly backendPort: number;
  private readonly region = process.env.AWS_REGION ?? "us-east-1";
  private readonly sentIds = new Set<string>();
  private sendEmailRequests = 0;
  private port = 0;

  constructor(
    private readonly backend: Server,
    private readonly options: LocalSesOptions,
  ) {
    this.backendPort = (backend.address() as AddressInfo).port;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port: number): Promise<void> {
    this.port = await listen(this.front, port, "127.0.0.1");
  }

  sendRequests(): number {
    return this.sendEmailRequests;
  }

  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? "/", "http://local");
    if (url.pathname !== "/_aws/ses") return false;
    if (req.method === "DELETE") this.forget(url.searchParams.get("id"), res);
    else if (req.method === "GET") this.list(res);
    else res.writeHead(405, { ...capturedJsonHeaders, allow: "GET, DELETE" }).end(JSON.stringify({ message: "GET or DELETE" }));
    return true;
  }

  async messages(): Promise<CapturedEmail[]> {
    const response = await fetch(`http://127.0.0.1:${this.backendPort}/store`);
    const store = (await response.json()) as { emails: PackageEmail[] };
    return store.emails.filter((email) => this.sentIds.has(email.messageId)).map((email) => capturedEmail(email, this.region));
  }

  async close(): Promise<void> {
    for (const server of [this.front, this.backend]) await closeServer(server);
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    // Loopback only; and the emails hold links that open conversations, so no rebound DNS name either.
    if (!isAddressOrLocalhost(req.headers.host)) {
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8" }).end("forbidden: name the local SES by its address\n");
      return;
    }
    void readBody(req).then((body) => {
      const path = new URL(req.url ?? "/", "http://local").pathname;
      if (req.method === "POST" && path === sendEmailPath) this.sendEmail(req, body, res);
      else this.forward(req, body, res);
    });
  }

  /** A `SendEmail`: faulted by the test, or sent by the package and noted as this stack's. */
  private sendEmail(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    this.sendEmailRequests++;
    const request = parsedSendEmail(body);
    const to = request.Destination?.ToAddresses?.join(", ");
    const fault = this.options.faults?.sendEmail?.(request);
    if (fault) {
      const reply = sesFaultReplies[fault];
      this.log(`SES SendEmail to ${to}: ${reply.type} (injected)`);
      res
        .writeHead(reply.status, { "content-type": "application/json", "x-amzn-errortype": reply.type, "x-amzn-requestid": randomUUID() })
        .end(JSON.stringify({ message: reply.message }));
      return;
    }
    this.forward(req, body, res, (status, answered) => {
      if (status !== 200) return;
      const { MessageId } = JSON.parse(answered.toString("utf8")) as { MessageId?: string };
      if (MessageId) this.sentIds.add(MessageId);
      this.log(`SES SendEmail ${MessageId} to ${to}: ${request.Content?.Simple?.Subject?.Data}`);
    });
  }

  /** Passes a request to the package's server and its answer back, telling `onAnswer` what it was. */
  private forward(req: IncomingMessage, body: Buffer, res: ServerResponse, onAnswer?: (status: number, body: Buffer) => void): void {
    const headers = { ...req.headers, host: `127.0.0.1:${this.backendPort}` };
    const upstream = httpRequest({ host: "127.0.0.1", port: this.backendPort, method: req.method, path: req.url, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        const answered = Buffer.concat(chunks);
        onAnswer?.(answer.statusCode ?? 502, answered);
        res.writeHead(answer.statusCode ?? 502, answer.headers).end(answered);
      });
    });
    upstream.on("error", (error) => res.writeHead(502, { "content-type": "text/plain" }).end(`local SES: ${error.message}`));
    upstream.end(body);
  }

  /** `DELETE /_aws/ses`: forgets one email (`?id=`) or all. */
  private forget(id: string | null, res: ServerResponse): void {
    if (id) this.sentIds.delete(id);
    else this.sentIds.clear();
    res.writeHead(204, { "x-content-type-options": "nosniff" }).end();
  }

  /** `GET /_aws/ses`: the emails this stack sent. */
  private list(res: ServerResponse): void {
    this.messages().then(
      (list) => res.writeHead(200, capturedJsonHeaders).end(JSON.stringify({ messages: list })),
      (error: Error) => res.writeHead(502, capturedJsonHeaders).end(JSON.stringify({ message: error.message })),
    );
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

export async function startLocalSes(options: LocalSesOptions = {}): Promise<LocalSes> {
  const backend = await startPackageServer({ host: "127.0.0.1", port: 0 });
  const ses = new SesFront(backend, options);
  await ses.listen(options.port ?? 0);
  return ses;
}
