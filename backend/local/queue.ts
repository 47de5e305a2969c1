/**
 * A local stand-in for an SQS standard queue with a dead-letter queue, and for the Lambda event
 * source mapping that feeds it to a function, so the handlers that enqueue jobs and the function
 * that runs them work unchanged on a laptop and in tests.
 *
 * - The SQS API the handlers call, in the JSON protocol the AWS SDK v3 speaks (`POST /` with
 *   `X-Amz-Target: AmazonSQS.<Operation>`): SendMessage, with `DelaySeconds`. Other operations
 *   answer `UnsupportedOperation`.
 * - The event source mapping: batches of up to `batchSize` visible messages, as SQS events
 *   (`Records` with messageId, receiptHandle, body, attributes.ApproximateReceiveCount, …); a
 *   received message is invisible for the visibility timeout; what the function does not finish
 *   (it throws, times out, or lists it in `batchItemFailures`) comes back after that timeout; a
 *   message received `maxReceiveCount` times moves to the dead-letter queue on its next receive.
 * - With a `file`, the messages outlive the process, as SQS keeps them while no poller runs: a job
 *   due while the stack was down runs once it starts again, with its receive count (queue-file.ts).
 * - Faults for tests: a message delivered in several invocations at once (SQS delivers at least
 *   once), an invocation treated as crashed, and a SendMessage that fails on SQS's side.
 *
 * docs/local-stack.md says where it differs from AWS.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { invokeHandler, type InvocationOutcome, type LambdaHandler } from "./lambda-invoke.ts";
import { readKeptQueue, writeKeptQueue } from "./queue-file.ts";

/** A message as the queue holds it. */
export interface QueuedMessage {
  messageId: string;
  body: string;
  sentAtMs: number;
  /** When it may be received: after its delay, or after the visibility timeout of its last receive. */
  visibleAtMs: number;
  receiveCount: number;
  firstReceiveAtMs?: number;
  /** The handle of its latest receive: only that one deletes it, as on SQS. */
  receiptHandle?: string;
}

export interface QueueFaults {
  /** How many invocations receive this message at once (default 1): SQS may deliver a message twice. */
  deliveries?: (message: Readonly<QueuedMessage>) => number | undefined;
  /**
   * Treat this invocation as crashed: whatever the function answers is ignored, so its messages
   * come back after the visibility timeout. (The function itself runs on: it is in this process.)
   */
  crash?: (messages: readonly Readonly<QueuedMessage>[]) => boolean;
  /** Answer this SendMessage with SQS's internal error (as when SQS is unavailable) instead of queueing it. */
  sendMessage?: (body: string) => boolean;
}

export interface LocalQueueOptions {
  /** The queue's name; its URL is `<origin>/000000000000/<name>`. */
  name: string;
  /** Where the queue is served, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  /** The subscribed function. */
  handler: LambdaHandler;
  functionName?: string;
  /** Default 30 s: an invocation not finished by then has failed (Lambda's timeout). */
  functionTimeoutMs?: number;
  /** Default 180 s: how long a received message stays invisible. */
  visibilityTimeoutMs?: number;
  /** Default 5: receives before a message moves to the dead-letter queue. */
  maxReceiveCount?: number;
  /** Default 10: messages per invocation at most. */
  batchSize?: number;
  /** Default 2: invocations running at once at most (the event source mapping's `maximumConcurrency`). */
  concurrency?: number;
  faults?: QueueFaults;
  /**
   * Where the messages are kept across runs (read when the queue is made, replaced at each
   * change); without one they live in memory only.
   */
  file?: string;
  /**
   * Default true. False holds back every delivery, of messages kept from an earlier run too, until
   * `enable()`: the stack enables its queue once the functions a job calls can answer.
   */
  enabled?: boolean;
  /** One line per send, invocation and dead letter; default silent. */
  log?: (line: string) => void;
}

/** One invocation of the function: the messages it received and how it ended. */
export interface QueueInvocation {
  messageIds: string[];
  /** Each message's `ApproximateReceiveCount` in this invocation. */
  receiveCounts: number[];
  /** `returned, <n> failed`, `threw <message>`, `timed out` or `crashed (injected)`. */
  outcome: string;
}

export interface LocalQueue {
  /** The queue's URL, as `QueueUrl` in the SQS API and `Resource.<Queue>.url`. */
  readonly url: string;
  /** Answers an SQS API request and returns true, or returns false when the request is not one. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Queues a message another AWS service sends (an S3 event notification), as SQS takes it from one. */
  deliver(body: string): void;
  /** Messages waiting, delayed or in flight. */
  messages(): QueuedMessage[];
  /** Messages moved to the dead-letter queue. */
  deadLetters(): QueuedMessage[];
  /** Every invocation so far: the messages it received and how it ended. */
  invocations(): QueueInvocation[];
  /**
   * Resolves once no invocation runs and nothing is queued (rejects after `timeoutMs`); with
   * `dueWithinMs`, once nothing is queued that is due within that long, so a job delayed for
   * minutes (an owner's digest) does not hold up a test waiting for the rest.
   */
  idle(timeoutMs?: number, options?: { dueWithinMs?: number }): Promise<void>;
  /** Starts delivering, when the queue was made with `enabled: false` (as Lambda's `UpdateEventSourceMapping`). */
  enable(): void;
  /** Stops polling and waits for running invocations (each ends by its timeout at the latest). */
  close(): Promise<void>;
}

const accountId = "000000000000";
/** Largest message body the emulator takes. */
const maxBodyBytes = 256 * 1024;

/** One invocation's messages, each with the receipt handle it was received with. */
type Received = { message: QueuedMessage; receiptHandle: string }[];

class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const md5 = (text: string) => createHash("md5").update(text, "utf8").digest("hex");

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        resolve(value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {});
      } catch {
        reject(new SqsError("InvalidRequest", "The request body is not JSON."));
      }
    });
    req.on("error", reject);
  });
}

/** An answer in SQS's JSON protocol; an error names its type in `__type`, which the SDK reads. */
function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": randomUUID() });
  res.end(JSON.stringify(body));
}

/** `DelaySeconds` of a SendMessage, checked as SQS checks it. */
function delaySecondsOf(input: Record<string, unknown>): number {
  const delay = input.DelaySeconds ?? 0;
  if (typeof delay !== "number" || !Number.isInteger(delay) || delay < 0 || delay > 900) {
    throw new SqsError(
      "InvalidParameterValue",
      `Value ${JSON.stringify(delay)} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900, if provided.`,
    );
  }
  return delay;
}

/** Which failed messages an invocation reported: all of them unless it answered a valid partial response. */
function failedIds(outcome: InvocationOutcome, messageIds: string[]): Set<string> {
  if (outcome.kind !== "returned") return new Set(messageIds);
  const value = outcome.value as { batchItemFailures?: unknown } | null | undefined;
  const failures = value?.batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return new Set(messageIds);
  const ids = failures.map((failure) => (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier);
  // Lambda treats a response naming no message of the batch (or none at all) as a whole-batch failure.
  if (ids.some((id) => typeof id !== "string" || !messageIds.includes(id))) return new Set(messageIds);
  return new Set(ids as string[]);
}

/** How an invocation ended, for `invocations()` and the log. */
function describeOutcome(outcome: InvocationOutcome, crashed: boolean, failedCount: number): string {
  if (crashed) return "crashed (injected)";
  if (outcome.kind === "returned") return `returned, ${failedCount} failed`;
  if (outcome.kind === "threw") return `threw ${outcome.error instanceof Error ? outcome.error.message : String(outcome.error)}`;
  return "timed out";
}

/** The options given, or SQS's and Lambda's defaults. */
function settingsOf(options: LocalQueueOptions) {
  return {
    functionName: options.functionName ?? `porch-local-${options.name}`,
    functionTimeoutMs: options.functionTimeoutMs ?? 30_000,
    visibilityTimeoutMs: options.visibilityTimeoutMs ?? 180_000,
    maxReceiveCount: options.maxReceiveCount ?? 5,
    batchSize: options.batchSize ?? 10,
    concurrency: options.concurrency ?? 2,
  };
}

/** The queue and its event source mapping: what is queued, what runs, and who waits for it to go idle. */
class LocalSqsQueue implements LocalQueue {
  readonly url: string;
  private readonly arn: string;
  private readonly settings: ReturnType<typeof settingsOf>;
  private readonly queued: QueuedMessage[];
  private readonly dead: QueuedMessage[];
  private readonly history: QueueInvocation[] = [];
  private readonly running = new Set<Promise<void>>();
  /** Each waiter, and how soon a queued message must be due to keep it waiting. */
  private readonly idleWaiters = new Map<() => void, number>();
  /** The next pump, when a delayed or invisible message becomes visible. */
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private enabled: boolean;

  constructor(private readonly options: LocalQueueOptions) {
    this.settings = settingsOf(options);
    this.url = `${options.origin}/${accountId}/${options.name}`;
    this.arn = `arn:aws:sqs:${process.env.AWS_REGION ?? "us-east-1"}:${accountId}:${options.name}`;
    const kept = options.file ? readKeptQueue(options.file) : { messages: [], deadLetters: [] };
    this.queued = kept.messages;
    this.dead = kept.deadLetters;
    this.enabled = options.enabled ?? true;
    if (this.queued.length) this.log(`SQS ${this.queued.length} messages kept from the last run`);
    this.pump();
  }

  enable(): void {
    this.enabled = true;
    this.pump();
  }

  handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const target = req.headers["x-amz-target"];
    if (req.method !== "POST" || typeof target !== "string" || !target.startsWith("AmazonSQS.")) return false;
    void this.answerSqs(req, res, target.slice("AmazonSQS.".length));
    return true;
  }

  deliver(body: string): void {
    this.sendMessage({ QueueUrl: this.url, MessageBody: body });
  }

  messages(): QueuedMessage[] {
    return this.queued.map((message) => ({ ...message }));
  }

  deadLetters(): QueuedMessage[] {
    return this.dead.map((message) => ({ ...message }));
  }

  invocations(): QueueInvocation[] {
    return this.history.map((entry) => ({ ...entry }));
  }

  idle(timeoutMs = 30_000, { dueWithinMs = Infinity } = {}): Promise<void> {
    if (this.isIdle(dueWithinMs)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        this.idleWaiters.delete(done);
        const busy = `${this.queued.length} messages, ${this.running.size} invocations running`;
        reject(new Error(`the queue is still busy after ${timeoutMs} ms: ${busy}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timeout);
        resolve();
      };
      this.idleWaiters.set(done, dueWithinMs);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private async answerSqs(req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
    try {
      const input = await readJson(req);
      if (operation !== "SendMessage") throw new SqsError("UnsupportedOperation", `${operation} is not emulated (docs/local-stack.md).`);
      answer(res, 200, this.sendMessage(input));
    } catch (error) {
      const failure = error instanceof SqsError ? error : new SqsError("InternalError", String(error), 500);
      this.log(`SQS ${operation} failed: ${failure.type} ${failure.message}`);
      answer(res, failure.status, { __type: `com.amazonaws.sqs#${failure.type}`, message: failure.message });
    }
  }

  private sendMessage(input: Record<string, unknown>): { MessageId: string; MD5OfMessageBody: string } {
    if (input.QueueUrl !== this.url) throw new SqsError("QueueDoesNotExist", "The specified queue does not exist.");
    const body = input.MessageBody;
    if (typeof body !== "string" || body === "")
      throw new SqsError("MissingParameter", "The request must contain the parameter MessageBody.");
    if (Buffer.byteLength(body, "utf8") > maxBodyBytes) {
      throw new SqsError("InvalidParameterValue", `The message body must be shorter than ${maxBodyBytes} bytes.`);
    }
    if (this.options.faults?.sendMessage?.(body) === true)
      throw new SqsError("InternalError", "We encountered an internal error. Please try again.", 500);
    const delay = delaySecondsOf(input);
    const now = Date.now();
    const message: QueuedMessage = { messageId: randomUUID(), body, sentAtMs: now, visibleAtMs: now + delay * 1000, receiveCount: 0 };
    this.queued.push(message);
    // Kept before it is answered sent, as SQS stores a message before it answers.
    this.keep();
    this.log(`SQS SendMessage ${message.messageId}${delay ? ` delayed ${delay} s` : ""}`);
    this.pump();
    return { MessageId: message.messageId, MD5OfMessageBody: md5(body) };
  }

  /** Starts what may run now, wakes who waits for idleness, and comes back when the next message is due. */
  private pump(): void {
    if (this.closed || !this.enabled) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const deadBefore = this.dead.length;
    let started = 0;
    while (this.running.size < this.settings.concurrency) {
      const now = Date.now();
      const batch = this.nextBatch(now);
      if (!batch.length) break;
      this.invokeWithCopies(batch, now);
      started++;
    }
    // Receive counts and visibility, kept before the function can finish (or the process die).
    if (started || this.dead.length !== deadBefore) this.keep();
    this.wakeIdleWaiters();
    this.scheduleNextPump();
  }

  /** Up to a batch of visible messages; one received `maxReceiveCount` times moves to the dead-letter queue instead. */
  private nextBatch(now: number): QueuedMessage[] {
    const batch: QueuedMessage[] = [];
    for (const message of this.queued.filter((candidate) => candidate.visibleAtMs <= now)) {
      if (batch.length === this.settings.batchSize) break;
      if (message.receiveCount >= this.settings.maxReceiveCount) {
        this.queued.splice(this.queued.indexOf(message), 1);
        this.dead.push(message);
        this.log(`SQS ${message.messageId} moved to the dead-letter queue after ${message.receiveCount} receives`);
        continue;
      }
      batch.push(message);
    }
    return batch;
  }

  /** Invokes the function with the batch, and again with each message the `deliveries` fault delivers more than once. */
  private invokeWithCopies(batch: QueuedMessage[], now: number): void {
    const copies = new Map(batch.map((message) => [message, this.options.faults?.deliveries?.(message) ?? 1]));
    this.invoke(this.receive(batch, now));
    for (let copy = 1; copy < Math.max(...copies.values()); copy++) {
      const copied = batch.filter((message) => copies.get(message)! > copy);
      this.invoke(this.receive(copied, now));
    }
  }

  /** Receives the messages for one invocation: each invisible for the visibility timeout, with a new handle. */
  private receive(messages: QueuedMessage[], now: number): Received {
    return messages.map((message) => {
      message.receiveCount++;
      message.firstReceiveAtMs ??= now;
      message.visibleAtMs = now + this.settings.visibilityTimeoutMs;
      message.receiptHandle = randomBytes(24).toString("base64");
      return { message, receiptHandle: message.receiptHandle };
    });
  }

  private invoke(received: Received): void {
    const messages = received.map((one) => one.message);
    const event = { Records: messages.map((message) => this.recordOf(message)) };
    const receiveCounts = messages.map((message) => message.receiveCount);
    const crashed = this.options.faults?.crash?.(messages) === true;
    const { functionName, functionTimeoutMs } = this.settings;
    const work = invokeHandler(this.options.handler, event, { functionName, timeoutMs: functionTimeoutMs }).then((outcome) =>
      this.finished(received, receiveCounts, crashed, outcome),
    );
    const tracked = work.finally(() => {
      this.running.delete(tracked);
      this.pump();
    });
    this.running.add(tracked);
  }

  /** Records an invocation, and deletes what it finished, as Lambda does with the handles it received. */
  private finished(received: Received, receiveCounts: number[], crashed: boolean, outcome: InvocationOutcome): void {
    const messageIds = received.map(({ message }) => message.messageId);
    const failed = crashed ? new Set(messageIds) : failedIds(outcome, messageIds);
    const described = describeOutcome(outcome, crashed, failed.size);
    this.history.push({ messageIds, receiveCounts, outcome: described });
    this.log(`SQS ${this.settings.functionName} ${messageIds.length} messages: ${described}`);
    for (const { message, receiptHandle } of received) {
      if (failed.has(message.messageId)) continue;
      // A later receive's handle wins: this one no longer deletes the message.
      const index = this.queued.indexOf(message);
      if (index >= 0 && message.receiptHandle === receiptHandle) this.queued.splice(index, 1);
    }
    this.keep();
  }

  private recordOf(message: QueuedMessage) {
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle!,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAtMs),
        SenderId: accountId,
        ApproximateFirstReceiveTimestamp: String(message.firstReceiveAtMs),
      },
      messageAttributes: {},
      md5OfBody: md5(message.body),
      eventSource: "aws:sqs",
      eventSourceARN: this.arn,
      awsRegion: process.env.AWS_REGION ?? "us-east-1",
    };
  }

  private isIdle(dueWithinMs: number): boolean {
    return this.running.size === 0 && this.queued.every((message) => message.visibleAtMs > Date.now() + dueWithinMs);
  }

  private wakeIdleWaiters(): void {
    for (const [resolve, dueWithinMs] of this.idleWaiters) {
      if (!this.isIdle(dueWithinMs)) continue;
      this.idleWaiters.delete(resolve);
      resolve();
    }
  }

  private scheduleNextPump(): void {
    if (this.queued.length === 0 && this.running.size === 0) return;
    const next = Math.min(...this.queued.map((message) => message.visibleAtMs));
    if (Number.isFinite(next) && this.running.size < this.settings.concurrency) {
      this.timer = setTimeout(() => this.pump(), Math.max(1, next - Date.now()));
      this.timer.unref();
    }
  }

  /** Writes the queue to its file, when it has one. */
  private keep(): void {
    if (this.options.file) writeKeptQueue(this.options.file, { messages: this.queued, deadLetters: this.dead });
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}

export function createLocalQueue(options: LocalQueueOptions): LocalQueue {
  return new LocalSqsQueue(options);
}
