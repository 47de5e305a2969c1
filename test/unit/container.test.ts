import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { perContainer, startNewContainers } from "#backend/handlers/container.ts";

describe("what a function builds once per container", () => {
  it("is built on first use, kept, and built again only in a new container", () => {
    let builds = 0;
    const client = perContainer(() => ({ build: ++builds }));
    assert.equal(builds, 0, "nothing is built before the first invocation");
    const first = client();
    assert.equal(client(), first);
    assert.equal(builds, 1);
    startNewContainers();
    const second = client();
    assert.notEqual(second, first);
    assert.deepEqual(second, { build: 2 });
    assert.equal(client(), second);
  });
});
