export { default as tseslint } from "typescript-eslint";
