import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import type { LitElement, PropertyDeclaration } from "lit";
import { reflected, settingNames } from "#widget/chat/settings.ts";
import "#widget/chat/porch-visitor-chat.ts";
import "#widget/inbox/porch-inbox.ts";
import { attributeName } from "#widget/shared/embed.ts";
import { chatColors, chatThemeRules, inboxColors, panelThemeRules, sharedColors, type ColorDefaults } from "#widget/shared/tokens.ts";

/**
 * custom-elements.json, as `npm run build` writes it, against the elements themselves: every
 * expectation below is read from the source (the entry scripts, the element files, the theme), from
 * Lit's own record of each element's properties and styles, or from the settings table of
 * `<porch-chat>`'s loader (a plain custom element, whose chat is a Lit element it loads as a chunk),
 * never listed by hand.
 */
const root = path.resolve(import.meta.dirname, "../..");
const source = (file: string) => readFileSync(path.join(root, file), "utf8");
const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]!);
const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

interface Named {
  name: string;
}
interface Declaration {
  kind: string;
  name: string;
  customElement?: boolean;
  tagName?: string;
  members?: (Named & { kind: string; privacy?: string; attribute?: string })[];
  attributes?: (Named & { fieldName?: string })[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: (Named & { default?: string })[];
}
interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

const packageJson = JSON.parse(source("package.json")) as { customElements?: string };
let manifest: Manifest;
try {
  manifest = JSON.parse(source(packageJson.customElements ?? "custom-elements.json")) as Manifest;
} catch (error) {
  throw new Error("custom-elements.json is missing or unreadable: run `npm run build` first", { cause: error });
}
const elements = manifest.modules.flatMap((module) => (module.declarations ?? []).filter((declaration) => declaration.customElement));
const names = (entries: Named[] | undefined) => sorted((entries ?? []).map((entry) => entry.name));

/** The tags the one-line embeds register: `embed("porch-chat", …)` in widget/porch.ts and widget/inbox.ts. */
const publicTags = sorted(["widget/porch.ts", "widget/inbox.ts"].flatMap((file) => all(source(file), /\bembed\("([a-z-]+)"/g)));

/** One element per file, named after its tag. */
function elementFile(tag: string, dir = "widget"): string | undefined {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = elementFile(tag, file);
      if (found) return found;
    } else if (entry.name === `${tag}.ts`) {
      return file;
    }
  }
  return undefined;
}

describe("custom-elements.json", () => {
  it("is where package.json's customElements points", () => {
    assert.equal(packageJson.customElements, "custom-elements.json");
  });

  it("lists the public elements and no internal part", () => {
    assert.deepEqual(publicTags, ["porch-chat", "porch-inbox"]);
    assert.deepEqual(sorted(elements.map((element) => element.tagName!)), publicTags);
  });

  for (const tag of publicTags) {
    describe(tag, () => {
      const element = elements.find((declaration) => declaration.tagName === tag)!;
      const file = elementFile(tag)!;
      const text = source(file);
      const lit = customElements.get(tag) as unknown as typeof LitElement | undefined;
      /** Lit elements the element creates itself: `<porch-chat>`'s loader places its chat in its shadow root. */
      const created = all(text, /createElement\("(porch-[a-z-]+)"\)/g).map((inner) => ({
        tag: inner,
        text: source(elementFile(inner)!),
        lit: customElements.get(inner) as unknown as typeof LitElement,
      }));
      const texts = [text, ...created.map((inner) => inner.text)];

      it("has every public property, with its attribute", () => {
        assert.ok(element, `${tag} is in the manifest`);
        // A Lit element's properties, or those the loader declares in its settings table.
        const declared: [string, PropertyDeclaration][] = lit
          ? [...lit.elementProperties].filter(([, options]) => !options.state).map(([name, options]) => [String(name), options])
          : settingNames.map((name) => [name, { attribute: attributeName(name), reflect: reflected.includes(name) }]);
        assert.ok(declared.length > 0);
        for (const [name, options] of declared) {
          const member = element.members?.find((m) => m.name === name && m.kind === "field");
          assert.ok(member, `property ${name}`);
          assert.notEqual(member.privacy, "private", `property ${name} is public`);
          if (options.attribute === false) continue;
          const attribute = typeof options.attribute === "string" ? options.attribute : name.toLowerCase();
          assert.ok(
            element.attributes?.some((entry) => entry.name === attribute && entry.fieldName === name),
            `attribute ${attribute} of ${name}`,
          );
        }
        // Every property the chat takes from the loader is one of the loader's public settings.
        for (const inner of created) {
          for (const [name, options] of inner.lit.elementProperties) {
            if (!options.state) assert.ok(settingNames.includes(String(name) as never), `${inner.tag}.${String(name)} is a setting`);
          }
        }
      });

      it("has every event it fires, each porch- prefixed", () => {
        const fired = sorted(
          texts.flatMap((one) => [
            ...all(one, /\bannounce\("([^"]+)"/g),
            ...all(one, /\bdispatchEvent\(\s*new (?:Custom)?Event\("([^"]+)"/g),
          ]),
        );
        assert.deepEqual(names(element.events), fired);
        for (const name of fired) assert.match(name, /^porch-/);
      });

      it("has every CSS part its template shows, its parts' exported ones included", () => {
        const exported = (one: string) =>
          [...all(one, /\sexportparts="([^"]+)"/g), ...all(one, /setAttribute\("exportparts", "([^"]+)"\)/g)].flatMap((list) =>
            list.split(",").map((mapping) => mapping.split(":").at(-1)!.trim()),
          );
        const own = (one: string) =>
          [...all(one, /\spart="([^"]+)"/g), ...all(one, /setAttribute\("part", "([^"]+)"\)/g)].flatMap((list) => list.split(/\s+/));
        assert.deepEqual(names(element.cssParts), sorted([...own(text), ...exported(text)]));
        // What the loader exports from its chat, the chat has.
        for (const inner of created) {
          const has = new Set([...own(inner.text), ...exported(inner.text)]);
          for (const part of exported(text)) assert.ok(has.has(part), `${inner.tag} has the part ${part}`);
        }
      });

      it("has every slot its template shows", () => {
        assert.deepEqual(names(element.slots), sorted(all(text, /<slot(?:\s+name="([^"]*)")?/g).map((name) => name ?? "")));
      });

      it("has every custom property its styles read, with the theme's defaults for colors", () => {
        // A Lit element's styles; the loader's are the theme's rules and its own, in its source.
        const litCss = (one: typeof LitElement) => one.elementStyles.map((style) => ("cssText" in style ? style.cssText : "")).join("\n");
        const code = text.replace(/\/\*[\s\S]*?\*\//g, "");
        const css = lit ? litCss(lit) : [chatThemeRules, panelThemeRules, code, ...created.map((inner) => litCss(inner.lit))].join("\n");
        const read = sorted(css.match(/--porch-[a-z-]+/g) ?? []);
        assert.ok(read.length > 0);
        assert.deepEqual(names(element.cssProperties), read);
        const colors: Record<string, ColorDefaults> = { ...sharedColors, ...(tag === "porch-chat" ? chatColors : inboxColors) };
        for (const [name, [light, dark]] of Object.entries(colors)) {
          const documented = (property: string) => element.cssProperties?.find((entry) => entry.name === property)?.default;
          assert.equal(documented(`--porch-${name}`), light, `--porch-${name}`);
          assert.equal(documented(`--porch-${name}-dark`), dark ?? `var(--porch-${name})`, `--porch-${name}-dark`);
        }
      });
    });
  }
});
