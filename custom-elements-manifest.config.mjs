// The Custom Elements Manifest that `npm run build` writes to custom-elements.json (package.json's
// `customElements`): what IDEs, Storybook and framework wrappers read to know the public elements'
// attributes, properties, events, slots, CSS parts and custom properties. It is read from the
// elements' Lit decorators and class JSDoc. Only the two public elements are analyzed: every other
// element is an internal part (marked `@internal`) whose API may change in any release.
export default {
  globs: ["widget/chat/porch-chat.ts", "widget/inbox/porch-inbox.ts"],
  outdir: ".",
  litelement: true,
  packagejson: false,
  quiet: true,
};
