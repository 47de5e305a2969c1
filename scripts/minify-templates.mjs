// A rollup plugin that squeezes the whitespace out of Lit's html`…` and css`…` literals, and the
// loader's plain cssText`…` (widget/shared/tokens.ts), which a JS minifier must leave as they are.
// Only the static parts change; expressions are untouched.
// Rules kept safe on purpose: a run of whitespace with a line break becomes one space (never
// nothing), so inline text keeps its spacing; CSS also loses spaces around { } ; , and after ":".

const squeeze = {
  html: (text) => text.replace(/\s*\n\s*/g, " "),
  css: (text) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\s+/g, " ")
      .replace(/\s*([{};,])\s*/g, "$1")
      .replace(/:\s+/g, ":"),
};
squeeze.cssText = squeeze.css;

function* taggedTemplates(node) {
  if (!node || typeof node.type !== "string") return;
  if (node.type === "TaggedTemplateExpression" && node.tag.type === "Identifier" && node.tag.name in squeeze) {
    yield node;
  }
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) yield* taggedTemplates(child);
    else if (value && typeof value === "object") yield* taggedTemplates(value);
  }
}

export function minifyTemplates() {
  return {
    name: "minify-lit-templates",
    transform(code, id) {
      if (!/\b(html|css|cssText)`/.test(code) || id.includes("node_modules")) return null;
      const edits = [];
      for (const node of taggedTemplates(this.parse(code))) {
        for (const quasi of node.quasi.quasis) {
          edits.push({ start: quasi.start, end: quasi.end, text: squeeze[node.tag.name](quasi.value.raw) });
        }
      }
      edits.sort((a, b) => b.start - a.start);
      for (const { start, end, text } of edits) code = code.slice(0, start) + text + code.slice(end);
      return { code, map: null };
    },
  };
}
