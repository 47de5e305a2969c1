export { default as tseslint } from "typescript-eslint";
export { importX } from "eslint-plugin-import-x";
export { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
