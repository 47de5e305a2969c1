import { limits } from "#protocol";

/** Frames closer than this to the last one relayed are dropped: the interval less network jitter. */
const minGapMs = limits.typingIntervalMs - 500;

/** Sides of conversations remembered at once; the oldest are forgotten first. */
const maxEntries = 10_000;

/**
 * Which `typing` frames to relay: at most one per side of a conversation every
 * `limits.typingIntervalMs` (less some jitter). In memory, per warm function: nothing is stored,
 * so a burst spread over several instances may relay a few more, which clients absorb (a typing
 * indicator shown again is the same indicator).
 */
export class TypingThrottle {
  /** Last relayed time per `<from>:<visitorId>`, oldest first (a Map keeps insertion order). */
  private readonly lastRelayed = new Map<string, number>();

  /** Whether to relay this frame; if so, it counts as the side's last. */
  admit(key: string, nowMs: number): boolean {
    const last = this.lastRelayed.get(key);
    if (last !== undefined && nowMs - last < minGapMs && nowMs >= last) return false;
    this.lastRelayed.delete(key);
    this.lastRelayed.set(key, nowMs);
    for (const [oldest, at] of this.lastRelayed) {
      if (this.lastRelayed.size <= maxEntries && nowMs - at < minGapMs) break;
      this.lastRelayed.delete(oldest);
    }
    return true;
  }
}
