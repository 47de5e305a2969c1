/**
 * A local Amazon S3 for the attachments' bucket: s3rver (an npm package, pure JavaScript, the
 * S3 API on the file system: presigned POST and GET, tagging, DeleteObjects, and S3's event
 * records), kept on loopback behind this module's front, so the same `S3AttachmentFiles` code runs
 * on a laptop and on AWS; the SDK finds it through `AWS_ENDPOINT_URL_S3`.
 *
 * s3rver stores what it is sent, and serves objects to anyone; S3 does neither. The front, on
 * `endpoint`, refuses what the deployed bucket refuses, so the local stack and AWS refuse the
 * same files:
 * - a browser's POST whose policy does not hold (expired, wrongly signed, another key, type or
 *   size: `content-length-range` against the file's real length), as S3 does, before storing it;
 * - a GET of an object without a presigned url, or with an expired one (the bucket is private);
 * - CORS as infra/bucket.ts declares it: POST from any origin, nothing else.
 * And it sends S3's event notification of each object created into the jobs queue, as the
 * deployed bucket does (infra/bucket.ts). docs/local-stack.md says what differs from S3.
 */
import { createHmac, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { attachmentCors } from "#infra/bucket-rules.ts";
import { closeServer, listen } from "./http-server.ts";
import { isAddressOrLocalhost } from "./ses.ts";

const require = createRequire(import.meta.url);
type S3rverServer = {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  on(event: "event", listener: (event: { Records: { eventName: string; s3: { object: { key: string } } }[] }) => void): void;
};
const S3rver = require("s3rver") as new (options: Record<string, unknown>) => S3rverServer;
const { DUMMY_ACCOUNT } = require("s3rver/lib/models/account") as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };

export interface LocalS3Options {
  bucket: string;
  /** Where objects are kept; none: a temporary folder, removed on close. */
  directory?: string;
  /** The front's port on 127.0.0.1 (0 picks a free one). */
  port?: number;
  /** Each S3 event notification's body, as the deployed bucket sends it to the jobs queue. */
  onEvent: (body: string) => void;
  log?: (line: string) => void;
}

export interface LocalS3 {
  /** The S3 API: `AWS_ENDPOINT_URL_S3`, and the host of every presigned url. */
  readonly endpoint: string;
  /** Uploads (POSTs) the front refused, and why. */
  refusals(): { key: string | undefined; reason: string }[];
  close(): Promise<void>;
}

/** Largest POST body the front reads: the hard limit of a file, and room for the form's fields. */
const maxPostBytes = 100 * 1024 * 1024 + 64 * 1024;

/** An S3 error answer, in S3's XML. */
function s3Error(res: ServerResponse, status: number, code: string, message: string, cors = false): void {
  res
    .writeHead(status, { "content-type": "application/xml", ...(cors ? { "access-control-allow-origin": "*" } : {}) })
    .end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message.replace(/[<>&]/g, " ")}</Message><RequestId>${randomUUID()}</RequestId></Error>`,
    );
}

/** A refusal of a POST, with S3's code and words. */
class PolicyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface FormPart {
  name: string;
  value: Buffer;
  filename?: string;
}

/** The parts of a multipart/form-data body, in order. */
function parseForm(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary)
    throw new PolicyError(400, "MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data.");
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const from = start + delimiter.length;
    if (body.subarray(from, from + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, from);
    if (next < 0) break;
    const part = body.subarray(from + 2, next - 2); // past the CRLF after the delimiter, before the CRLF ahead of the next
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const disposition = /content-disposition:[^\r\n]*?\bname="([^"]*)"(?:[^\r\n]*?\bfilename="([^"]*)")?/i.exec(headers);
    if (disposition) {
      parts.push({
        name: disposition[1]!,
        value: part.subarray(headerEnd + 4),
        ...(disposition[2] !== undefined ? { filename: disposition[2] } : {}),
      });
    }
    start = next;
  }
  return parts;
}

type Condition = Record<string, string> | [string, string | number, string | number];

/** SigV4's signing key for a date, region and service. */
function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
}

/**
 * Checks a browser's POST as S3 does: the policy's signature and expiry, each of its conditions
 * against the form's fields and the file, and that the form has no field the policy does not
 * name. Returns the object's key.
 */
function checkPost(parts: FormPart[], bucket: string, secrets: ReadonlyMap<string, string>, nowMs: number): string {
  const fileIndex = parts.findIndex((part) => part.name === "file");
  if (fileIndex < 0) throw new PolicyError(400, "InvalidArgument", "POST requires exactly one file upload per request.");
  const file = parts[fileIndex]!.value;
  // Field names are case-insensitive; fields after the file are ignored.
  const fields = new Map(parts.slice(0, fileIndex).map((part) => [part.name.toLowerCase(), part.value.toString("utf8")]));
  const policyText = fields.get("policy");
  const credential = fields.get("x-amz-credential") ?? "";
  const [accessKeyId, date, region, service] = credential.split("/");
  const secret = accessKeyId === undefined ? undefined : secrets.get(accessKeyId);
  if (!policyText || !secret || !date || !region || !service) throw new PolicyError(403, "AccessDenied", "Bucket POST must be signed.");
  const expected = createHmac("sha256", signingKey(secret, date, region, service))
    .update(policyText)
    .digest("hex");
  if (fields.get("x-amz-signature") !== expected) {
    throw new PolicyError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
  }
  const policy = JSON.parse(Buffer.from(policyText, "base64").toString("utf8")) as { expiration: string; conditions: Condition[] };
  if (Date.parse(policy.expiration) <= nowMs) throw new PolicyError(403, "AccessDenied", "Invalid according to Policy: Policy expired.");
  const named = new Set(["policy", "x-amz-signature", "file", "bucket"]);
  const fail = (condition: Condition) => {
    throw new PolicyError(403, "AccessDenied", `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`);
  };
  for (const condition of policy.conditions) {
    if (!Array.isArray(condition)) {
      for (const [name, value] of Object.entries(condition)) {
        named.add(name.toLowerCase());
        const actual = name === "bucket" ? bucket : fields.get(name.toLowerCase());
        if (actual !== value) fail(condition);
      }
      continue;
    }
    const [operator, subject, operand] = condition;
    if (operator === "content-length-range") {
      if (file.length < Number(subject))
        throw new PolicyError(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size");
      if (file.length > Number(operand))
        throw new PolicyError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
      continue;
    }
    const name = String(subject).replace(/^\$/, "").toLowerCase();
    named.add(name);
    const actual = name === "bucket" ? bucket : (fields.get(name) ?? "");
    if (operator === "eq" && actual !== operand) fail(condition);
    if (operator === "starts-with" && !actual.startsWith(String(operand))) fail(condition);
  }
  for (const name of fields.keys()) {
    if (!named.has(name) && !name.startsWith("x-ignore-")) {
      throw new PolicyError(403, "AccessDenied", `Invalid according to Policy: Extra input fields: ${name}`);
    }
  }
  const key = fields.get("key");
  if (!key) throw new PolicyError(400, "InvalidArgument", "Bucket POST must contain a field named 'key'.");
  return key;
}

/** Whether a presigned GET's time is up (`X-Amz-Date` plus `X-Amz-Expires`). */
function presignExpired(query: URLSearchParams, nowMs: number): boolean {
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get("X-Amz-Date") ?? "");
  const expiresS = Number(query.get("X-Amz-Expires"));
  if (!date || !Number.isFinite(expiresS)) return true;
  const signedAtMs = Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!);
  return nowMs > signedAtMs + expiresS * 1000;
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

class S3Front implements LocalS3 {
  private readonly front = createServer((req, res) => void this.receive(req, res));
  private readonly refused: { key: string | undefined; reason: string }[] = [];
  private port = 0;

  constructor(
    private readonly server: S3rverServer,
    private readonly backendPort: number,
    private readonly secrets: ReadonlyMap<string, string>,
    private readonly options: LocalS3Options,
    private readonly ownDirectory: string | null,
  ) {
    server.on("event", (event) => {
      const [record] = event.Records;
      if (!record?.eventName.startsWith("ObjectCreated:")) return;
      // As S3 sends them: the key URL-encoded.
      record.s3.object.key = encodeURIComponent(record.s3.object.key).replace(/%2F/g, "/");
      options.onEvent(JSON.stringify(event));
    });
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port: number): Promise<void> {
    this.port = await listen(this.front, port, "127.0.0.1");
  }

  refusals() {
    return [...this.refused];
  }

  async close(): Promise<void> {
    await closeServer(this.front);
    await this.server.close();
    if (this.ownDirectory) await rm(this.ownDirectory, { recursive: true, force: true });
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAddressOrLocalhost(req.headers.host)) {
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8" }).end("forbidden: name the local S3 by its address\n");
      return;
    }
    const url = new URL(req.url ?? "/", "http://local");
    const [, bucket, ...keyParts] = url.pathname.split("/");
    const fromBrowser = typeof req.headers.origin === "string";
    if (req.method === "OPTIONS") return this.preflight(req, res);
    if (req.method === "POST" && bucket === this.options.bucket && keyParts.length === 0 && !url.search) return this.post(req, res, bucket);
    if (url.searchParams.has("X-Amz-Signature")) {
      if (req.method !== "GET" && req.method !== "HEAD") return s3Error(res, 403, "AccessDenied", "Access Denied");
      if (presignExpired(url.searchParams, Date.now())) return s3Error(res, 403, "AccessDenied", "Request has expired");
      return this.forward(req, null, res, fromBrowser);
    }
    // The handlers' SDK calls carry a signature in a header; anything else is anonymous, and the bucket is private.
    if (!req.headers.authorization) return s3Error(res, 403, "AccessDenied", "Access Denied");
    const body = await readBody(req, maxPostBytes);
    this.forward(req, body, res, false);
  }

  /** CORS as deployed: a preflight of anything but the declared methods gets no allowance. */
  private preflight(req: IncomingMessage, res: ServerResponse): void {
    const method = String(req.headers["access-control-request-method"] ?? "");
    if (!req.headers.origin || !attachmentCors.allowMethods.includes(method as "POST")) {
      return s3Error(res, 403, "AccessForbidden", "CORSResponse: This CORS request is not allowed.");
    }
    res
      .writeHead(200, {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": attachmentCors.allowMethods.join(", "),
        "access-control-allow-headers": String(req.headers["access-control-request-headers"] ?? ""),
        "access-control-max-age": String(attachmentCors.maxAgeS),
        vary: "Origin, Access-Control-Request-Headers, Access-Control-Request-Method",
      })
      .end();
  }

  private async post(req: IncomingMessage, res: ServerResponse, bucket: string): Promise<void> {
    const body = await readBody(req, maxPostBytes);
    if (!body)
      return this.refuse(res, undefined, new PolicyError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size"));
    let key: string | undefined;
    try {
      const parts = parseForm(body, String(req.headers["content-type"] ?? ""));
      key = parts.find((part) => part.name === "key")?.value.toString("utf8");
      checkPost(parts, bucket, this.secrets, Date.now());
    } catch (error) {
      if (error instanceof PolicyError) return this.refuse(res, key, error);
      throw error;
    }
    this.log(`S3 POST ${key}: ${body.length} bytes`);
    this.forward(req, body, res, true);
  }

  private refuse(res: ServerResponse, key: string | undefined, error: PolicyError): void {
    this.refused.push({ key, reason: `${error.code}: ${error.message}` });
    this.log(`S3 POST ${key ?? "(no key)"} refused: ${error.code} ${error.message}`);
    s3Error(res, error.status, error.code, error.message, true);
  }

  /** Passes a request to s3rver and its answer back (with CORS's allowance on a browser's POST). */
  private forward(req: IncomingMessage, body: Buffer | null, res: ServerResponse, cors: boolean): void {
    const headers = { ...req.headers, host: `127.0.0.1:${this.backendPort}` };
    const upstream = httpRequest({ host: "127.0.0.1", port: this.backendPort, method: req.method, path: req.url, headers }, (answer) => {
      const answerHeaders = { ...answer.headers };
      delete answerHeaders["access-control-allow-origin"];
      if (cors && req.method === "POST") answerHeaders["access-control-allow-origin"] = "*";
      res.writeHead(answer.statusCode ?? 502, answerHeaders);
      answer.pipe(res);
    });
    upstream.on("error", (error) => s3Error(res, 502, "InternalError", `local S3: ${error.message}`));
    if (body) upstream.end(body);
    else req.pipe(upstream);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

/**
 * Starts s3rver on loopback with the bucket, and the front before it. The handlers' credentials
 * (`AWS_ACCESS_KEY_ID`, the local stack's `local` unless set) are the account s3rver knows.
 */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const accessKeyId = process.env.AWS_ACCESS_KEY_ID ?? "local";
  const secret = process.env.AWS_SECRET_ACCESS_KEY ?? "local";
  DUMMY_ACCOUNT.createKeyPair(accessKeyId, secret);
  const ownDirectory = options.directory ? null : await mkdtemp(join(tmpdir(), "porch-s3-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: options.directory ?? ownDirectory,
    vhostBuckets: false,
    // s3rver checks no V4 signature; the front checks the POST's, and the expiry of a GET's.
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: options.bucket }],
  });
  const address = await server.run();
  const front = new S3Front(server, address.port, new Map([[accessKeyId, secret]]), options, ownDirectory);
  await front.listen(options.port ?? 0);
  return front;
}
