import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { linkify } from "#widget/shared/linkify.ts";

describe("linkify", () => {
  it("leaves text without links as one piece, and empty text as none", () => {
    assert.deepEqual(linkify("just words, no links"), ["just words, no links"]);
    assert.deepEqual(linkify(""), []);
  });

  it("splits text around http and https links", () => {
    assert.deepEqual(linkify("see https://example.com/a?b=1&c=2 and http://x.test/ too"), [
      "see ",
      { href: "https://example.com/a?b=1&c=2", label: "https://example.com/a?b=1&c=2" },
      " and ",
      { href: "http://x.test/", label: "http://x.test/" },
      " too",
    ]);
  });

  it("links a bare www. address over https, keeping the label as written", () => {
    assert.deepEqual(linkify("www.Example.com/shop"), [{ href: "https://www.Example.com/shop", label: "www.Example.com/shop" }]);
  });

  it("leaves trailing punctuation and closing brackets out of the link", () => {
    for (const [text, label] of [
      ["Go to https://a.test/c.", "https://a.test/c"],
      ["(https://a.test/page)", "https://a.test/page"],
      ["https://a.test/x?, then", "https://a.test/x"],
      ['"https://a.test/q"', "https://a.test/q"],
    ]) {
      const link = linkify(text!).find((piece) => typeof piece !== "string");
      assert.deepEqual(link, { href: label, label }, text);
    }
  });

  it("never makes a link of another scheme", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://files.test/a", "mailto:a@b.test"]) {
      assert.deepEqual(linkify(text), [text], text);
    }
  });

  it("stops a link at whitespace, quotes and angle brackets", () => {
    assert.deepEqual(linkify('https://a.test/x<script>"y'), [{ href: "https://a.test/x", label: "https://a.test/x" }, '<script>"y']);
    assert.deepEqual(linkify("https://a.test/1\nhttps://a.test/2"), [
      { href: "https://a.test/1", label: "https://a.test/1" },
      "\n",
      { href: "https://a.test/2", label: "https://a.test/2" },
    ]);
  });

  it("ends a link before any bidirectional control, so it reads as the address it goes to", () => {
    // An override makes "https://evil.example/moc.knab.www" display as a bank's address.
    assert.deepEqual(linkify("pay \u202ehttps://evil.example/moc.knab.www\u202c now"), [
      "pay \u202e",
      { href: "https://evil.example/moc.knab.www", label: "https://evil.example/moc.knab.www" },
      "\u202c now",
    ]);
    assert.deepEqual(linkify("https://evil.example/\u202emoc.knab.www//:sptth"), [
      { href: "https://evil.example/", label: "https://evil.example/" },
      "\u202emoc.knab.www//:sptth",
    ]);
  });

  it("joins back into the original text", () => {
    const text = "a https://a.test/b. c www.d.test e";
    assert.equal(
      linkify(text)
        .map((piece) => (typeof piece === "string" ? piece : piece.label))
        .join(""),
      text,
    );
  });
});
