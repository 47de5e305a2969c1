/**
 * The owner's notifications under attack (findings 1 and 5 of the "open to the internet" review):
 * a flood of conversations makes a few webhook posts, and what a visitor wrote reaches Slack and
 * Discord as text, with links only the signed-in inbox can open.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { immediatePerWindow } from "#backend/notify/notification.ts";
import { ownerClient, visitorClient } from "../support/stack.ts";
import { awayFromAWindowsEnd, postsAbout, useNotifyingStack } from "../support/webhook.ts";

describe("notifications under a flood (finding 1)", () => {
  const ctx = useNotifyingStack();

  it("posts at most a few times however many conversations a flood opens", async (t) => {
    await awayFromAWindowsEnd();
    const marker = `flood-${randomUUID().slice(0, 8)}`;
    // Forty people at once, each from an address of their own, while the owner is away.
    const ids: string[] = Array.from({ length: 40 }, () => randomUUID());
    const visitors = await Promise.all(ids.map(async (visitorId) => ({ visitorId, client: await visitorClient(ctx.stack, visitorId) })));
    const replies = await Promise.all(
      visitors.map(({ visitorId, client }) =>
        client.request({ action: "send", visitorId, id: randomUUID(), text: `${marker} from ${visitorId}` }),
      ),
    );
    assert.ok(replies.every((reply) => reply.type === "sent"));
    const posts = await postsAbout(ctx.receiver, marker, 1000);
    t.diagnostic(`40 new conversations while the owner was away: ${posts.length} webhook posts now, one digest at the window's end`);
    assert.ok(posts.length <= immediatePerWindow, `${posts.length} posts for a flood of 40`);
    for (const { client } of visitors) await client.close();
  });
});

describe("what a visitor wrote, in a notification (finding 5)", () => {
  const ctx = useNotifyingStack();

  it("posts what a visitor wrote as text, and links with a reference only the signed-in inbox resolves", async () => {
    await awayFromAWindowsEnd();
    const visitorId = randomUUID();
    const visitor = await visitorClient(ctx.stack, visitorId);
    const marker = randomUUID().slice(0, 8);
    await visitor.request({ action: "register", visitorId, nickname: "<!channel> @everyone" });
    const text = `${marker} <https://evil.example|https://console.aws.amazon.com/billing> [bank](https://evil.example)`;
    assert.equal((await visitor.request({ action: "send", visitorId, id: randomUUID(), text })).type, "sent");
    const [post] = await postsAbout(ctx.receiver, marker, 500);
    assert.ok(post, "posted");
    assert.ok(!post.raw.includes(visitorId), "the visitor id (their only credential) is not in the post");
    assert.doesNotMatch(post.body.text, /<!channel>|<https:/, "Slack sees no mention and no link with other text");
    assert.match(post.body.text, /&lt;!channel&gt; @everyone wrote/);
    assert.deepEqual(post.body.allowed_mentions, { parse: [] }, "Discord pings nobody");
    assert.match(post.body.content, /\\\[bank\\\]\\\(https:\/\/evil\.example\\\)/, "Discord shows the markdown as written");

    const url = post.body.porch.items[0]!.url!;
    const ref = /#\/r\/([A-Za-z0-9_-]+)$/.exec(url)![1]!;
    const owner = await ownerClient(ctx.stack);
    const resolved = await owner.client.expectReply({ action: "resolve", token: owner.token, ref });
    assert.equal(resolved.type === "resolved" && resolved.visitorId, visitorId, "the signed-in owner resolves it");
    const notOwner = await visitor.requestRaw({ action: "resolve", visitorId, ref });
    assert.equal(notOwner.type === "error" && notOwner.code, "bad_request", "a visitor cannot");
    const forged = await owner.client.request({ action: "resolve", token: owner.token, ref: `${ref.slice(0, -2)}AA` });
    assert.equal(forged.type === "error" && forged.code, "not_found");
    await owner.client.close();
    await visitor.close();
  });
});
