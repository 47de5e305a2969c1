import { describe, it } from "node:test";
import { assertExactlyOnce, runVisitorLoad } from "../support/load.ts";
import { useStack } from "../support/stack.ts";

describe("500 visitors at once", () => {
  const ctx = useStack();

  // Paced at about 100 messages a second in all (a pause of 5 s on average between a visitor's
  // messages): back to back, 500 senders queue for seconds in the one local process and pushes can
  // pass their 3 s deadline, which drops them by design (docs/benchmarks.md, findings).
  it("stores each of 10,000 messages once and pushes it once to both owner connections", { timeout: 600_000 }, async () => {
    const outcome = await runVisitorLoad(ctx.stack, { visitors: 500, owners: 2, messages: 20, thinkMs: 5000 });
    await assertExactlyOnce(ctx.stack, outcome, 10_000);
  });
});
