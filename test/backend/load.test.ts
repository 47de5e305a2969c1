import { describe, it } from "node:test";
import { assertExactlyOnce, runVisitorLoad } from "../support/load.ts";
import { useStack } from "../support/stack.ts";

describe("many visitors at once (quick; test/stress runs 500)", () => {
  const ctx = useStack();

  it("stores every message of 40 visitors once and pushes it once to both owner connections", async () => {
    const outcome = await runVisitorLoad(ctx.stack, { visitors: 40, owners: 2, messages: 4 });
    await assertExactlyOnce(ctx.stack, outcome, 160);
  });
});
