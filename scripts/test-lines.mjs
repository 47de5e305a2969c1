// The element tests' side of npm test's one line per file (scripts/test.mjs): a web-test-runner
// reporter that hands each file's result to the runner as a line of JSON, and shows a failing
// file's details as web-test-runner's own reporter would. `npm run test:widget` keeps that one.
import { relative } from "node:path";
import { defaultReporter } from "@web/test-runner";

/** What starts a line that carries one file's result. */
export const elementFileMarker = "porch-test-file ";

/** Every test of a file's result tree, with its suites'. */
function testsOf(suite) {
  return [...(suite?.tests ?? []), ...(suite?.suites ?? []).flatMap(testsOf)];
}

/**
 * One line per test file: whether it passed (a file that did not load did not), its tests,
 * failures and skips, and its time: since the previous file ended, as the files run one at a time
 * (web-test-runner.config.mjs).
 */
export function elementTestLines() {
  const details = defaultReporter({ reportTestProgress: false });
  let lastEndMs = 0;
  return {
    start(args) {
      details.start(args);
      lastEndMs = performance.now();
    },
    reportTestFileResults(args) {
      const { logger, sessionsForTestFile, testFile } = args;
      const tests = sessionsForTestFile.flatMap((session) => testsOf(session.testResults));
      const result = {
        file: relative(process.cwd(), testFile),
        ok: sessionsForTestFile.every((session) => session.passed),
        tests: tests.length,
        failed: tests.filter((test) => !test.passed && !test.skipped).length,
        skipped: tests.filter((test) => test.skipped).length,
        ms: performance.now() - lastEndMs,
      };
      lastEndMs = performance.now();
      if (!result.ok) details.reportTestFileResults(args);
      logger.log(`${elementFileMarker}${JSON.stringify(result)}`);
    },
  };
}
