/** A throttle as API Gateway's stage has one (`defaultRouteSettings` in sst.config.ts). */
export interface StageThrottleLimit {
  ratePerS: number;
  burst: number;
}

/**
 * API Gateway's stage throttle: a token bucket refilled at `ratePerS` up to `burst`, one token per
 * request (each CONNECT and MESSAGE). Without a limit, every request is admitted.
 */
export class StageThrottle {
  private tokens: number;
  private updatedAtMs = Date.now();

  constructor(private readonly limit: StageThrottleLimit | undefined) {
    this.tokens = limit?.burst ?? 0;
  }

  /** Takes a token for one request: false when API Gateway would answer 429. */
  admits(): boolean {
    if (!this.limit) return true;
    const nowMs = Date.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((nowMs - this.updatedAtMs) / 1000) * this.limit.ratePerS);
    this.updatedAtMs = nowMs;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
