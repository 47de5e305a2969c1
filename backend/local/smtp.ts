/**
 * The local stack's stand-in for SES receiving (docs/local-stack.md, "Answers by email"): an SMTP
 * server on loopback (`smtp-server`, by nodemailer's author) that takes mail for the inbound
 * domain only, checks the sender for real with `mailauth` (SPF from the connecting 127.x address
 * and the envelope sender, DKIM from the signatures, DMARC) against the stack's DNS table
 * (dns-table.ts), stores the raw mail where the inbound function reads it (the data folder, as
 * SES's S3 action stores it in the bucket), and invokes the function with SES's receipt event.
 *
 * One difference from SES: the server answers the DATA command once the function has run, so a
 * script that sent an answer knows it was received (SES invokes the function asynchronously).
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SESEvent, SESReceiptStatus } from "aws-lambda";
import { authenticate } from "mailauth";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { rawMailKey, rawMailMaxBytes } from "../inbound/raw-mail.ts";
import type { LocalDnsTable } from "./dns-table.ts";
import { inboundFunction } from "../handlers/routes.ts";
import { invokeHandler, type LambdaHandler } from "./lambda-invoke.ts";

export interface LocalSmtpOptions {
  /** 0 picks a free port. */
  port: number;
  domain: string;
  /** Where raw mail is written (`mail/<id>` below it). */
  mailDir: string;
  dns: LocalDnsTable;
  handler: LambdaHandler;
  log?: (line: string) => void;
}

type Verdict = SESReceiptStatus["status"];

/** An SES message id's look: 20 random bytes in lower-case base32-like characters. */
const sesMessageId = () => randomBytes(20).toString("hex").slice(0, 32);

function statusOf(result: string | undefined, none: Verdict = "GRAY"): Verdict {
  if (result === "pass") return "PASS";
  if (result === "fail" || result === "softfail" || result === "policy") return "FAIL";
  if (result === "temperror" || result === "temperr" || result === "permerror") return "PROCESSING_FAILED";
  return none;
}

/** SES's verdicts, computed the way SES describes them, from mailauth's checks. */
async function verdictsOf(raw: Buffer, session: SMTPServerSession, dns: LocalDnsTable) {
  const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
  const result = await authenticate(raw, {
    ip: (session.remoteAddress ?? "").replace(/^::ffff:/, ""),
    helo: session.hostNameAppearsAs,
    sender: mailFrom,
    mta: "porch.localhost",
    resolver: dns.resolve,
    disableArc: true,
    disableBimi: true,
  });
  const dkim = result.dkim.results.map((signature) => signature.status.result);
  const spfVerdict: Verdict = result.spf ? statusOf(result.spf.status.result) : "GRAY";
  const dkimVerdict: Verdict = dkim.includes("pass") ? "PASS" : dkim.length > 0 ? "FAIL" : "GRAY";
  const dmarcVerdict: Verdict = result.dmarc ? statusOf(result.dmarc.status.result) : "GRAY";
  return { spfVerdict, dkimVerdict, dmarcVerdict, dmarcPolicy: (result.dmarc && result.dmarc.p) || "none", mailFrom };
}

function readStream(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => (stream.sizeExceeded ? reject(new Error("the email is too large")) : resolve(Buffer.concat(chunks))));
    stream.on("error", reject);
  });
}

/** The event SES's Lambda action sends, for one email. */
function sesEvent(raw: Buffer, id: string, recipients: string[], verdicts: Awaited<ReturnType<typeof verdictsOf>>): SESEvent {
  const headerEnd = raw.indexOf("\r\n\r\n");
  const headerText = raw.subarray(0, headerEnd < 0 ? raw.length : headerEnd).toString("utf8");
  const headers = headerText
    .replace(/\r\n[ \t]+/g, " ")
    .split("\r\n")
    .filter((line) => line.includes(":"))
    .map((line) => ({ name: line.slice(0, line.indexOf(":")), value: line.slice(line.indexOf(":") + 1).trim() }));
  const header = (name: string) => headers.find((entry) => entry.name.toLowerCase() === name)?.value;
  const timestamp = new Date().toISOString();
  return {
    Records: [
      {
        eventSource: "aws:ses",
        eventVersion: "1.0",
        ses: {
          mail: {
            timestamp,
            source: verdicts.mailFrom,
            messageId: id,
            destination: recipients,
            headersTruncated: false,
            headers,
            commonHeaders: {
              returnPath: verdicts.mailFrom,
              from: header("from") ? [header("from")!] : [],
              date: header("date") ?? "",
              to: header("to") ? [header("to")!] : [],
              messageId: header("message-id") ?? "",
              subject: header("subject") ?? "",
            },
          },
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients,
            spamVerdict: { status: "PASS" },
            virusVerdict: { status: "PASS" },
            spfVerdict: { status: verdicts.spfVerdict },
            dkimVerdict: { status: verdicts.dkimVerdict },
            dmarcVerdict: { status: verdicts.dmarcVerdict },
            dmarcPolicy: verdicts.dmarcPolicy as "none",
            action: { type: "Lambda", functionArn: "arn:aws:lambda:local:000000000000:function:porch-inbound", invocationType: "Event" },
          },
        },
      },
    ],
  };
}

export class LocalSmtp {
  private readonly server: SMTPServer;
  private port = 0;

  constructor(private readonly options: LocalSmtpOptions) {
    const domain = options.domain.toLowerCase();
    this.server = new SMTPServer({
      name: "porch.localhost",
      // Loopback, so no TLS; no accounts: like an MX, it takes mail for its domain from anyone.
      disabledCommands: ["STARTTLS", "AUTH"],
      authOptional: true,
      size: rawMailMaxBytes,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (address.address.toLowerCase().endsWith(`@${domain}`)) callback();
        else callback(Object.assign(new Error(`550 5.1.1 not a recipient here: mail for @${domain} only`), { responseCode: 550 }));
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: Error) => callback(Object.assign(error, { responseCode: 451 })),
        );
      },
    });
    this.server.on("error", (error) => options.log?.(`SMTP: ${error.message}`));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.server.once("error", reject);
      this.server.listen(this.options.port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.server.address() as { port: number }).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const raw = await readStream(stream);
    const id = sesMessageId();
    const verdicts = await verdictsOf(raw, session, this.options.dns);
    const file = join(this.options.mailDir, rawMailKey(id));
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(file, raw);
    const recipients = session.envelope.rcptTo.map((recipient) => recipient.address);
    this.options.log?.(`SMTP ${id}: SPF ${verdicts.spfVerdict}, DKIM ${verdicts.dkimVerdict}, DMARC ${verdicts.dmarcVerdict}`);
    const outcome = await invokeHandler(this.options.handler, sesEvent(raw, id, recipients, verdicts), {
      functionName: "porch-local-inbound",
      timeoutMs: inboundFunction.timeoutS * 1000,
    });
    // SES would retry the function; here the sender's server tries again later.
    if (outcome.kind !== "returned") {
      this.options.log?.(`SMTP ${id}: the inbound function ${outcome.kind === "threw" ? `threw: ${String(outcome.error)}` : "timed out"}`);
      throw new Error("the inbound function failed: try again later");
    }
  }
}
