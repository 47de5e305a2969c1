import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { VisitorHelloReply } from "#protocol";
import { OwnerProfileError, ownerProfileFrom } from "#backend/chat/owner-profile.ts";
import { useStack, visitorClient } from "../support/stack.ts";

describe("who answers: the owner's name, avatar and reply time, set once per site", () => {
  const ctx = useStack({
    ownerProfile: { name: " Marta Lindqvist ", avatar: "https://crumb.example/marta.jpg", replyTime: "Usually replies within a few hours" },
  });

  it("is sent in every visitor's hello", async () => {
    const visitor = await visitorClient(ctx.stack, randomUUID());
    assert.deepEqual((visitor.frames[0] as VisitorHelloReply).ownerProfile, {
      name: "Marta Lindqvist",
      avatar: "https://crumb.example/marta.jpg",
      replyTime: "Usually replies within a few hours",
    });
    await visitor.close();
  });
});

describe("the owner's profile from the environment", () => {
  it("is empty when nothing is set, and leaves out what is blank", () => {
    assert.deepEqual(ownerProfileFrom({}), { name: null, avatar: null, replyTime: null });
    assert.deepEqual(ownerProfileFrom({ PORCH_OWNER_NAME: "  ", PORCH_OWNER_REPLY_TIME: "Replies within a day" }), {
      name: null,
      avatar: null,
      replyTime: "Replies within a day",
    });
  });

  it("refuses an avatar that is not an http(s) URL, and text over its limit, naming the variable", () => {
    for (const avatar of ["javascript:alert(1)", "data:image/png;base64,AAAA", "/me.jpg", "ftp://crumb.example/me.jpg"]) {
      assert.throws(
        () => ownerProfileFrom({ PORCH_OWNER_AVATAR: avatar }),
        (error: Error) => {
          assert.ok(error instanceof OwnerProfileError);
          assert.match(error.message, /PORCH_OWNER_AVATAR must be an http\(s\) URL/);
          return true;
        },
      );
    }
    assert.throws(() => ownerProfileFrom({ PORCH_OWNER_NAME: "M".repeat(65) }), /PORCH_OWNER_NAME is longer than 64 characters/);
    assert.throws(() => ownerProfileFrom({ PORCH_OWNER_REPLY_TIME: "r".repeat(121) }), /PORCH_OWNER_REPLY_TIME is longer than 120/);
  });
});
