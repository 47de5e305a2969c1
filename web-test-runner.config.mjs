// npm run test:widget: the elements' tests in real (system) Chromium.
import { readFile } from "node:fs/promises";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { chromeLauncher } from "@web/test-runner-chrome";
import { chromiumFlags, chromiumPath } from "./scripts/chromium.mjs";
import { elementTestLines } from "./scripts/test-lines.mjs";

const cspPage = "/widget/test/csp/index.html";

export default {
  files: "widget/**/*.test.ts",
  // Tests run on 127.0.0.1; widget/test/csp/ pages are opened through localhost, another origin.
  hostname: "127.0.0.1",
  nodeResolve: true,
  concurrency: 1,
  // npm test (scripts/test.mjs) reads a line per file; run on its own, the progress bar and the details.
  ...(process.env.PORCH_TEST_LINES ? { reporters: [elementTestLines()] } : {}),
  plugins: [esbuildPlugin({ ts: true, tsconfig: "tsconfig.json", target: "es2022" })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: [...chromiumFlags],
      },
    }),
  ],
  middleware: [
    async (context, next) => {
      // The strict-CSP page: the policy a careful site would send, allowing scripts from itself
      // and from the widget's origin (the runner's own), where its embed points.
      if (context.path === cspPage) {
        const widgetOrigin = `http://127.0.0.1:${context.host.split(":").pop()}`;
        const html = await readFile(new URL(`.${cspPage}`, import.meta.url), "utf8");
        context.type = "html";
        context.body = html.replaceAll("{{widgetOrigin}}", widgetOrigin);
        context.set("Content-Security-Policy", `default-src 'self'; script-src 'self' ${widgetOrigin}; connect-src 'self' ws: wss:`);
        return;
      }
      await next();
      // As the Porch site does (infra/hosting.ts): module scripts from another origin need it.
      if (context.get("origin")) context.set("Access-Control-Allow-Origin", "*");
    },
  ],
  testFramework: { config: { timeout: 10000 } },
};
