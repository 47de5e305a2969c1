import type { BucketLimit } from "./abuse-limits.ts";
import type { Counters } from "./ports.ts";

/**
 * The frame-rate limits (per connection, per source address), checked before a frame costs
 * anything. API Gateway has no per-connection throttle: one connection over 50 frames a second
 * would use up the stage's (docs/deploy.md), so a connection over its limit is closed
 * (DeleteConnection), and until that takes effect its frames are refused at the cost of this check.
 *
 * Two tiers, because a connection's frames may be served by many Lambda containers:
 * 1. A token bucket per connection and per address in this container's memory, checked for every
 *    frame at no cost. It sees only the frames this container serves; if those alone are over the
 *    limit, the connection is (this is exact, not a guess).
 * 2. A shared count in DynamoDB per 10-second window, to which each container adds what it has
 *    seen in batches of `reportEvery` frames, in parallel with serving the frame. A connection that
 *    spreads its frames over many containers, each under the limit, is caught once the shared
 *    total for the window passes what the bucket allows in it. Normal traffic never fills a batch
 *    in a window, so it costs no write; a flood costs one write per `reportEvery` frames per
 *    container, and is caught within `reportEvery` frames per container serving it.
 * docs/security.md weighs this against a write per frame.
 */

/** What a connection may be told before it is closed, and how it is closed. */
export interface GateVerdict {
  /** The frame is over a limit: refuse it, and close the connection. */
  over: boolean;
  /** Resolves true when the shared count says the connection is over (the frame was admitted here). */
  shared?: Promise<boolean>;
}

interface Bucket {
  tokens: number;
  updatedAtMs: number;
  /** Frames seen in `windowStartMs`'s shared window and not yet added to its count. */
  unreported: number;
  windowStartMs: number;
  /** Refused without a check until this time: the shared count said over. */
  overUntilMs: number;
}

/** The shared count's window. */
export const sharedWindowMs = 10_000;
/** Frames a container adds to the shared count at a time. */
export const reportEvery = 10;
/** Buckets kept in memory before idle ones are dropped (a bucket idle a minute is full again anyway). */
const maxBuckets = 10_000;

export class FrameGate {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: { framesPerConnection: BucketLimit; framesPerAddress: BucketLimit },
    /** The shared counts; null for a gate that only counts in memory (`$connect`). */
    private readonly counters: Counters | null,
    private readonly onSharedError: (error: unknown) => void = () => {},
    /** What an address is called in a shared count's key (never the address: address-pseudonyms.ts). */
    private readonly pseudonym: (address: string, atMs: number) => string = () => "",
  ) {}

  /** One frame from a connection and an address. */
  admitFrame(connectionId: string, sourceIp: string, nowMs: number): GateVerdict {
    const newConnection = !this.buckets.has(`c#${connectionId}`);
    const connection = this.bucket(`c#${connectionId}`, this.limits.framesPerConnection, nowMs);
    const address = this.bucket(`a#${sourceIp}`, this.limits.framesPerAddress, nowMs);
    // Both buckets pay for the frame, even when one refuses it: a flood keeps its address over. A
    // connection new to this container pays its address a token more, for being opened: `$connect`
    // counts connections in its own function's memory, which no frame's check can see, so this is
    // where new connections count toward the address's frames (docs/security.md). One this
    // container forgot (idle a minute while its buckets were full) pays again.
    const admitted = [this.take(connection, nowMs), this.take(address, nowMs), !newConnection || this.take(address, nowMs)].every(Boolean);
    if (!admitted) return { over: true };
    // The buckets are in memory only; a shared count names the address by its window's pseudonym.
    const reports = [
      this.report(() => `c#${connectionId}`, connection, this.limits.framesPerConnection, nowMs),
      this.report((windowStartMs) => `a#${this.pseudonym(sourceIp, windowStartMs)}`, address, this.limits.framesPerAddress, nowMs),
    ].filter((report): report is Promise<boolean> => report !== undefined);
    return reports.length ? { over: false, shared: Promise.all(reports).then((overs) => overs.some(Boolean)) } : { over: false };
  }

  /** A new connection from an address (`$connect`): it takes a token of the address's bucket. */
  admitConnection(sourceIp: string, nowMs: number): boolean {
    return this.take(this.bucket(`a#${sourceIp}`, this.limits.framesPerAddress, nowMs), nowMs);
  }

  private bucket(key: string, limit: BucketLimit, nowMs: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= maxBuckets) this.dropIdle(nowMs);
      bucket = { tokens: limit.burst, updatedAtMs: nowMs, unreported: 0, windowStartMs: 0, overUntilMs: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((nowMs - bucket.updatedAtMs) / 1000) * limit.ratePerS);
    bucket.updatedAtMs = nowMs;
    return bucket;
  }

  private take(bucket: Bucket, nowMs: number): boolean {
    if (nowMs < bucket.overUntilMs) return false;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Counts the frame towards the shared window; adds a batch to the shared count when one is full. */
  private report(
    keyOf: (windowStartMs: number) => string,
    bucket: Bucket,
    limit: BucketLimit,
    nowMs: number,
  ): Promise<boolean> | undefined {
    if (!this.counters) return undefined;
    const windowStartMs = nowMs - (nowMs % sharedWindowMs);
    if (bucket.windowStartMs !== windowStartMs) {
      bucket.windowStartMs = windowStartMs;
      bucket.unreported = 0;
    }
    if (++bucket.unreported < reportEvery) return undefined;
    const count = bucket.unreported;
    bucket.unreported = 0;
    const allowed = limit.burst + (limit.ratePerS * sharedWindowMs) / 1000;
    const windowEndMs = windowStartMs + sharedWindowMs;
    return this.counters.add(`frames#${keyOf(windowStartMs)}#${windowStartMs}`, count, windowEndMs).then(
      (total) => {
        if (total <= allowed) return false;
        bucket.overUntilMs = windowEndMs;
        return true;
      },
      (error: unknown) => {
        // The shared count is a second line: if it fails, the frame goes on, checked here only.
        this.onSharedError(error);
        return false;
      },
    );
  }

  private dropIdle(nowMs: number): void {
    for (const [key, bucket] of this.buckets) if (nowMs - bucket.updatedAtMs > 60_000) this.buckets.delete(key);
    // Still full of live buckets: drop the oldest, whose loss only forgives a little.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < maxBuckets) break;
      this.buckets.delete(key);
    }
  }
}
