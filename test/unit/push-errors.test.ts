import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { GoneException } from "@aws-sdk/client-apigatewaymanagementapi";
import { classifyPushError } from "#backend/push/pusher.ts";

/** An error as Node's HTTP client raises it when a socket breaks. */
const socketError = (code: string, message = "socket hang up") => Object.assign(new Error(message), { code });
const gone = () => new GoneException({ message: "Gone", $metadata: { httpStatusCode: 410 } });

describe("classifyPushError", () => {
  it("a 410 means the connection is gone, even when the deadline has passed too", () => {
    assert.deepEqual(classifyPushError(gone(), 1, false), { outcome: "gone" });
    assert.deepEqual(classifyPushError(gone(), 3, true), { outcome: "gone" });
  });

  it("any other failure after the deadline is a timeout, not something to try again", () => {
    const aborted = Object.assign(new Error("This operation was aborted"), { name: "AbortError" });
    assert.deepEqual(classifyPushError(aborted, 1, true), { outcome: "timeout" });
    assert.deepEqual(classifyPushError(socketError("ECONNRESET"), 1, true), { outcome: "timeout" });
  });

  it("a connection that broke before any answer is tried again, up to three attempts in all", () => {
    for (const code of ["ECONNRESET", "EPIPE"]) {
      assert.deepEqual(classifyPushError(socketError(code), 1, false), { outcome: "retry" }, code);
      assert.deepEqual(classifyPushError(socketError(code), 2, false), { outcome: "retry" }, code);
      assert.deepEqual(
        classifyPushError(socketError(code), 3, false),
        { outcome: "failed", reason: `Error ${code}: socket hang up` },
        `${code} on the last attempt`,
      );
    }
  });

  it("an answer that is an error is final at once, with its name and message as the reason", () => {
    const forbidden = Object.assign(new Error("Forbidden"), { name: "ForbiddenException" });
    assert.deepEqual(classifyPushError(forbidden, 1, false), { outcome: "failed", reason: "ForbiddenException: Forbidden" });
    assert.deepEqual(classifyPushError(socketError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:1"), 1, false), {
      outcome: "failed",
      reason: "Error ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1",
    });
  });

  it("something thrown that is not an Error still gets a reason", () => {
    assert.deepEqual(classifyPushError("boom", 1, false), { outcome: "failed", reason: "boom" });
    assert.deepEqual(classifyPushError(null, 1, false), { outcome: "failed", reason: "null" });
  });
});
