// npm run lint (with `prettier --check`): typescript-eslint's type-aware rules, Lit's and web
// components' rules, and one house rule: the widget's colors come from its theme.
// typescript-eslint needs TypeScript's JS API, which the repo's TypeScript 7 (native) lacks. It is
// installed in the tools/lint workspace beside its own TypeScript 5, and npm keeps both there because
// typescript-eslint's peer range (< 6.1) excludes the root's 7. ts-api-utils, whose range (>= 4.8)
// would admit 7, is kept there too, by a dependency of the workspace and an override in package.json.
// `tsc` (npm run typecheck) stays TypeScript 7.
import js from "@eslint/js";
import { createTypeScriptImportResolver, importX, tseslint } from "@porch/lint";
import lit from "eslint-plugin-lit";
import wc from "eslint-plugin-wc";
import globals from "globals";

/** Hex, rgb() and hsl() colors with literal channels; `hsl(var(--_hue) …)` is computed, not a literal. */
const colorLiteral = String.raw`/#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\b|\b(?:rgba?|hsla?)\(\s*[\d.]/`;
/** An import pattern, by regular expression, refused with `message`. */
const only = (message, regex) => ({ regex: regex.source, message });
/** Imports that climb out of a folder's parent: use the `#` import map instead. */
const climbing = only(
  "reach another top-level folder through package.json's imports map (#protocol, #backend/…), not ../../",
  /^\.\.\/\.\.\//,
);
const colorMessage = "Colors are tokens: declare it in widget/shared/tokens.ts (light and dark) and use its --_ name.";

/** A conditional write's refusal is read in one place: the table client's helper (docs/contributing.md, "The store"). */
const conditionalCheck = {
  selector: "BinaryExpression[operator='instanceof'][right.name='ConditionalCheckFailedException']",
  message:
    "write through Table.putIf / updateIf / deleteIf (backend/store/table-client.ts): they answer { ok: false, existing } for a failed condition",
};
const keyMessage = "keys and key prefixes are made in backend/store/keys.ts only";
/** Strings that look like an item's key or its prefix: `V#…`, `LIMIT#…`, `#HEAD`, `` `M#${…}` ``. */
const keyLiterals = [
  { selector: "Literal[value=/^[A-Z]+#/]", message: keyMessage },
  { selector: "Literal[value=/^#[A-Z]+$/]", message: keyMessage },
  { selector: "TemplateElement[value.raw=/^[A-Z]+#/]", message: keyMessage },
];
/** `` `#${…}` ``, as in a shard's key; the table client alone makes attribute-name placeholders (`#language`) this way. */
const hashTemplate = { selector: "TemplateLiteral[quasis.0.value.raw='#']", message: keyMessage };

export default tseslint.config(
  {
    ignores: ["dist/", ".sst/", ".porch/", "**/node_modules/", "sst-env.d.ts", "custom-elements.json", "bench/results.json"],
  },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Lit binds a template's event listeners to the element, so `@click=${this.toggle}` is safe.
      "@typescript-eslint/unbound-method": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Handlers, ports and test doubles implement interfaces that return promises; an `async`
      // function with nothing to await is the plain way to return one.
      "@typescript-eslint/require-await": "off",
      // node:test's describe() and it() return promises that the runner itself awaits.
      "@typescript-eslint/no-floating-promises": [
        "error",
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["describe", "it", "test", "suite"] }] },
      ],
    },
  },
  // Boundaries (docs/contributing.md, "Where things are"): what each part may import. Another
  // top-level folder is reached through package.json's `imports` map (`#protocol`, `#backend/…`),
  // never by climbing `../../`.
  {
    files: ["**/*.{ts,mjs,js}"],
    rules: { "no-restricted-imports": ["error", { patterns: [climbing] }] },
  },
  {
    files: ["protocol/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [climbing, only("the protocol imports nothing of Porch's other parts", /^#(?!protocol)/)] },
      ],
    },
  },
  {
    files: ["widget/**"],
    ignores: ["widget/**/*.test.ts", "widget/test/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            climbing,
            only(
              "the widget talks to the backend only through the protocol (#protocol)",
              /^#(backend|infra\/(?!hosting\.ts$)|scripts|bench|test)/,
            ),
          ],
        },
      ],
    },
  },
  {
    files: ["backend/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            climbing,
            only(
              "the backend never imports the widget: what both need goes in a neutral module (infra/hosting.ts)",
              /^#(widget|scripts|bench|test)\//,
            ),
          ],
        },
      ],
    },
  },
  {
    // The notify function parses no frame: protocol/index.ts would bring valibot and every schema into its bundle.
    files: ["backend/notify/**", "backend/handlers/notify.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "#protocol",
              message:
                "import the protocol module you need (#protocol/text.ts, #protocol/limits.ts): the index brings valibot into the notify bundle",
            },
          ],
          patterns: [climbing, only("the backend never imports the widget", /^#(widget|scripts|bench|test)\//)],
        },
      ],
    },
  },
  // The store's shape (docs/contributing.md, "The store"): small modules, one per aggregate, short
  // functions; a conditional write's refusal read by one helper; every key made in keys.ts.
  {
    files: ["backend/store/**/*.ts"],
    rules: {
      "max-lines": ["error", { max: 300 }],
    },
  },
  {
    files: ["backend/**/*.ts"],
    ignores: ["backend/store/keys.ts", "backend/store/table-client.ts"],
    rules: { "no-restricted-syntax": ["error", conditionalCheck, ...keyLiterals, hashTemplate] },
  },
  {
    files: ["backend/store/table-client.ts"],
    rules: { "no-restricted-syntax": ["error", ...keyLiterals] },
  },
  {
    // Tests that look into the table name its items through keys.ts too, so a key's shape changes in one place.
    files: ["test/**/*.ts"],
    rules: { "no-restricted-syntax": ["error", ...keyLiterals] },
  },
  {
    files: ["backend/store/keys.ts"],
    rules: { "no-restricted-syntax": ["error", conditionalCheck] },
  },
  {
    // No module of the deployed code imports itself back through others: a cycle makes a bundle's
    // load order matter and hides which part depends on which.
    files: ["protocol/**/*.ts", "backend/**/*.ts", "widget/**/*.ts", "infra/**/*.ts"],
    ignores: ["**/*.test.ts"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
    },
    rules: { "import-x/no-cycle": "error" },
  },
  {
    // Short functions in the backend and the deploy: a function over 80 lines is steps that want
    // names, or closures sharing state that want a class (the local emulators are long-lived objects
    // with short methods: docs/contributing.md, "Adding a local emulation of an AWS API").
    files: ["backend/**/*.ts", "infra/**/*.ts", "sst.config.ts"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // sst.config.ts and the modules of infra/ it runs use SST's globals (`sst`, `aws`, `$app`…):
    // checked against SST's platform types by verify:deploy (tsconfig.sst.json), not by this project.
    // infra/hosting.ts uses none: the widget and the backend share it, and this project checks it.
    files: ["sst.config.ts", "infra/**/*.ts"],
    ignores: ["infra/hosting.ts", "infra/table-upgrade.ts"],
    extends: [tseslint.configs.disableTypeChecked],
    rules: {
      // SST's own way to load its platform types.
      "@typescript-eslint/triple-slash-reference": "off",
    },
  },
  {
    // verify:deploy reads what SST's components recorded under Pulumi's mocks: resource inputs and
    // outputs are untyped (`any`) by Pulumi's own API, and the checks are the types here.
    files: ["scripts/verify-deploy/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["widget/**/*.ts"],
    extends: [lit.configs["flat/recommended"], wc.configs["flat/recommended"], wc.configs["flat/best-practice"]],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // For elements built on HTMLElement itself; LitElement always has the lifecycle callbacks.
      "wc/guard-super-call": "off",
    },
  },
  {
    // Scripts that test pages load in the browser.
    files: ["widget/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["widget/**/*.ts"],
    ignores: ["widget/shared/tokens.ts", "widget/**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: `TemplateElement[value.raw=${colorLiteral}]`, message: colorMessage },
        { selector: `Literal[value=${colorLiteral}]`, message: colorMessage },
      ],
    },
  },
);
