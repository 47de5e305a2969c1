import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { actions } from "#protocol";
import { renderedProtocolDoc } from "#scripts/protocol-docs.ts";

describe("docs/protocol.md", () => {
  it("lists every declared action as the declarations say (run `npm run docs:protocol` after changing one)", async () => {
    const { current, rendered } = await renderedProtocolDoc();
    assert.equal(current, rendered);
  });

  it("says more about each action in the prose below the table", async () => {
    const { current } = await renderedProtocolDoc();
    const prose = current.slice(current.indexOf("<!-- actions:end -->"));
    for (const { action } of Object.values(actions)) assert.ok(prose.includes(`**\`${action}\`**`), action);
  });
});
