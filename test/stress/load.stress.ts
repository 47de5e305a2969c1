import { describe, it } from "node:test";
import { assertExactlyOnce, runVisitorLoad } from "../support/load.ts";
import { useStack } from "../support/stack.ts";

describe("500 visitors at once", () => {
  const ctx = useStack();

  it("stores each of 10,000 messages once and pushes it once to both owner connections", { timeout: 600_000 }, async () => {
    const outcome = await runVisitorLoad(ctx.stack, { visitors: 500, owners: 2, messages: 20 });
    await assertExactlyOnce(ctx.stack, outcome, 10_000);
  });
});
