import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { defaultOwnerLeaseS, holdsLease, ownerLeaseFrom } from "#backend/chat/owner-lease.ts";
import { ownerPingIntervalMs } from "#widget/inbox/owner-session.ts";

describe("PORCH_OWNER_LEASE_S", () => {
  it("is 300 seconds unless set, at most 5 minutes as issue 28 asks", () => {
    assert.equal(ownerLeaseFrom({}), 300);
    assert.ok(defaultOwnerLeaseS <= 300);
  });

  it("outlasts two of the inbox's pings, so one lost ping does not make the owner look away", () => {
    assert.ok(defaultOwnerLeaseS * 1000 > 2 * ownerPingIntervalMs);
  });

  it("takes whole seconds from 1 to 900 (SQS's longest delay), and the default for anything else", () => {
    assert.equal(ownerLeaseFrom({ PORCH_OWNER_LEASE_S: "2" }), 2);
    assert.equal(ownerLeaseFrom({ PORCH_OWNER_LEASE_S: "900" }), 900);
    for (const value of ["0", "901", "1.5", "-5", "soon", ""]) assert.equal(ownerLeaseFrom({ PORCH_OWNER_LEASE_S: value }), 300, value);
  });
});

describe("the owner's lease", () => {
  it("is held from a connection's last hello or ping for the lease, and not a millisecond longer", () => {
    const refreshedAt = 1_000_000;
    assert.equal(holdsLease({ refreshedAt }, refreshedAt + 1999, 2), true);
    assert.equal(holdsLease({ refreshedAt }, refreshedAt + 2000, 2), false);
    assert.equal(holdsLease({ refreshedAt: null }, refreshedAt, 2), false, "no connection holds none");
  });
});
