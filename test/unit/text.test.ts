import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countChars, isBlank, isEmailAddress, stripBidiControls, truncateChars } from "#protocol";
import { mailtoHref } from "#widget/shared/mailto.ts";

describe("visitor text", () => {
  it("is blank when only invisible characters are left", () => {
    for (const blank of [
      "",
      " \n\t",
      "\u200b",
      "\u200c\u200d\u2060",
      "\ufeff",
      "\u202e\u202c",
      "\u2066\u2069",
      "\u3164",
      "\u2800",
      "\u0000",
      "\ufe0f",
    ]) {
      assert.equal(isBlank(blank), true, JSON.stringify(blank));
    }
    for (const shown of ["a", ".", "😀", "\u200bx", "中", "\u05d0"]) assert.equal(isBlank(shown), false, JSON.stringify(shown));
  });

  it("loses its bidirectional controls, and only them", () => {
    assert.equal(stripBidiControls("\u202eevil\u202c \u2067x\u2069\u200e\u200f\u061c"), "evil x");
    assert.equal(stripBidiControls("שלום, Ada"), "שלום, Ada");
  });

  it("is counted and cut in code points, never half a character", () => {
    assert.equal(countChars("😀😀a"), 3);
    assert.equal(truncateChars("😀".repeat(5), 3), "😀😀…");
    assert.equal(truncateChars("😀".repeat(3), 3), "😀😀😀");
    assert.equal(truncateChars("abc", 3), "abc");
  });
});

describe("email addresses", () => {
  it("are local@domain by a real grammar", () => {
    for (const good of [
      "a@b.co",
      "ada.lovelace+porch@mail.example.co.uk",
      "o'brien#1@example.com",
      "x_y-z@a-b.io",
      `${"l".repeat(64)}@x.co`,
    ]) {
      assert.equal(isEmailAddress(good), true, good);
    }
    for (const bad of [
      "me@x.co?cc=a@b.co",
      "a&b@x.co",
      "a b@x.co",
      "a@b",
      "a..b@x.co",
      "a.@x.co",
      "a@x..co",
      "a@-x.co",
      "a@x-.co",
      "@x.co",
      "a@",
      "a@x.c0",
      `${"l".repeat(65)}@x.co`,
      "a\n@x.co",
      "a@x.co\n",
      "ü@x.co",
      '"a"@x.co',
    ]) {
      assert.equal(isEmailAddress(bad), false, JSON.stringify(bad));
    }
  });

  it("become mailto: links to that address only, each part encoded", () => {
    assert.equal(mailtoHref("ada@example.com"), "mailto:ada@example.com");
    assert.equal(mailtoHref("o'brien#1@example.com"), "mailto:o'brien%231@example.com");
    assert.equal(mailtoHref("a+b%c@x.co"), "mailto:a%2Bb%25c@x.co");
    // Whatever reached it, nothing can add headers to the draft.
    assert.equal(mailtoHref("me@x.co?cc=evil@e.co&subject=Refund"), "mailto:me%40x.co%3Fcc%3Devil@e.co%26subject%3DRefund");
  });
});
