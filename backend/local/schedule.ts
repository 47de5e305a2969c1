import { jobsFunction } from "../handlers/routes.ts";
import { invokeHandler, type InvocationOutcome, type LambdaHandler } from "./lambda-invoke.ts";

export interface LocalScheduleOptions {
  /** The function the schedule invokes, and the event it invokes it with (a job, as infra/retention.ts's schedule sends). */
  handler: LambdaHandler;
  event: { type: string };
  /** Seconds between runs; the first run is at start. */
  everyS: number;
  /** One line per run; default silent. */
  log?: (line: string) => void;
}

/**
 * EventBridge Scheduler on a laptop: invokes a function with a fixed event once at start and every
 * `everyS` seconds after, as the deploy's schedule invokes the jobs function daily. A run that
 * is still going when the next is due is not doubled.
 */
export class LocalSchedule {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<InvocationOutcome> | null = null;

  constructor(private readonly options: LocalScheduleOptions) {
    this.timer = setInterval(() => void this.run(), options.everyS * 1000);
    this.timer.unref();
    void this.run();
  }

  /** Runs it now (or waits for the run under way), as the schedule would; tests call it. */
  run(): Promise<InvocationOutcome> {
    this.running ??= invokeHandler(this.options.handler, this.options.event, {
      functionName: "porch-local-jobs",
      timeoutMs: jobsFunction.timeoutS * 1000,
    }).then((outcome) => {
      this.running = null;
      const result =
        outcome.kind === "returned" ? JSON.stringify(outcome.value) : outcome.kind === "threw" ? String(outcome.error) : "timed out";
      this.options.log?.(`schedule ${this.options.event.type}: ${outcome.kind} ${result}`);
      return outcome;
    });
    return this.running;
  }

  /** Stops the timer and waits for a run under way. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
