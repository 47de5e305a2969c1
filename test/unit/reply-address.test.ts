/**
 * The `Reply-To` addresses of Porch's emails (backend/email/reply-address.ts): what they name, how
 * long, and what an attacker can and cannot do with one.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { newLinkKey } from "#backend/email/link-tokens.ts";
import { openReplyAddress, replyAddress, sealReplyToken } from "#backend/email/reply-address.ts";

const linkKey = newLinkKey();
const domain = "reply.example.com";
const nowMs = Date.UTC(2026, 11, 6, 4, 30);
const day = 24 * 3600_000;

describe("reply addresses", () => {
  it("name the conversation and the side, until they expire", () => {
    const visitorId = randomUUID();
    const address = replyAddress({ visitorId, side: "visitor", expiresAtMs: nowMs + 14 * day }, linkKey, domain);
    const opened = openReplyAddress(address, linkKey, domain, nowMs);
    // Rounded up to the hour (04:30 to 05:00).
    assert.deepEqual(opened, { ok: true, value: { visitorId, side: "visitor", expiresAtMs: nowMs + 14 * day + 1800_000 } });
    assert.equal(openReplyAddress(address, linkKey, domain, nowMs + 14 * day + 3600_000).ok, false);
    assert.deepEqual(openReplyAddress(address, linkKey, domain, nowMs + 15 * day), { ok: false, reason: "expired" });
    const owner = openReplyAddress(
      replyAddress({ visitorId, side: "owner", expiresAtMs: nowMs + day }, linkKey, domain),
      linkKey,
      domain,
      nowMs,
    );
    assert.equal(owner.ok && owner.value.side, "owner");
  });

  it("fit a local part of 64 characters and survive a change of case", () => {
    const visitorId = randomUUID();
    const address = replyAddress({ visitorId, side: "owner", expiresAtMs: nowMs + day }, linkKey, domain);
    const localPart = address.split("@")[0]!;
    assert.ok(localPart.length <= 64, `${localPart.length} characters`);
    assert.match(localPart, /^reply\+[a-z2-7]+$/);
    const shouted = openReplyAddress(address.toUpperCase(), linkKey, domain, nowMs);
    assert.equal(shouted.ok && shouted.value.visitorId, visitorId);
  });

  it("hide the visitor id", () => {
    const visitorId = randomUUID();
    const token = sealReplyToken({ visitorId, side: "visitor", expiresAtMs: nowMs + day }, linkKey);
    const hex = visitorId.replaceAll("-", "");
    assert.ok(!token.includes(hex) && !Buffer.from(token).toString("hex").includes(hex));
  });

  it("refuse any altered character, another key, another domain or another spelling", () => {
    const visitorId = randomUUID();
    const address = replyAddress({ visitorId, side: "visitor", expiresAtMs: nowMs + day }, linkKey, domain);
    const [local] = address.split("@") as [string];
    for (let index = "reply+".length; index < local.length; index++) {
      const swapped = local[index] === "a" ? "b" : "a";
      const altered = `${local.slice(0, index)}${swapped}${local.slice(index + 1)}@${domain}`;
      assert.deepEqual(openReplyAddress(altered, linkKey, domain, nowMs), { ok: false, reason: "invalid" }, `character ${index}`);
    }
    assert.equal(openReplyAddress(address, newLinkKey(), domain, nowMs).ok, false);
    assert.equal(openReplyAddress(address.replace(domain, "elsewhere.example"), linkKey, domain, nowMs).ok, false);
    assert.equal(openReplyAddress(`${local}x@${domain}`, linkKey, domain, nowMs).ok, false);
    assert.equal(openReplyAddress(`reply+@${domain}`, linkKey, domain, nowMs).ok, false);
    assert.equal(openReplyAddress(`postmaster@${domain}`, linkKey, domain, nowMs).ok, false);
    assert.equal(openReplyAddress(address, "", domain, nowMs).ok, false);
  });
});
