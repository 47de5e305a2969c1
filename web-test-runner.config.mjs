// npm run test:widget: the elements' tests in real (system) Chromium.
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { chromeLauncher } from "@web/test-runner-chrome";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default {
  files: "widget/**/*.test.ts",
  nodeResolve: true,
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, tsconfig: "tsconfig.json", target: "es2022" })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
      },
    }),
  ],
  middleware: [
    // Pages under widget/test/csp/ get the strict policy a careful site would send.
    async (context, next) => {
      await next();
      if (context.path.startsWith("/widget/test/csp/")) {
        context.set("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:");
      }
    },
  ],
  testFramework: { config: { timeout: 10000 } },
};
