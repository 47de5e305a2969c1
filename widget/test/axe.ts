import type { AxeResults, Result } from "axe-core";

declare global {
  interface Window {
    axe?: { run(context: Element | Document, options?: object): Promise<AxeResults> };
  }
}

let loading: Promise<void> | undefined;

/** Loads axe-core (its browser build, as the test runner serves node_modules) once per page. */
function loadAxe(): Promise<void> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "/node_modules/axe-core/axe.min.js";
    script.onload = () => resolve();
    script.onerror = () => reject(new Error("axe-core did not load"));
    document.head.append(script);
  });
  return loading;
}

/**
 * The serious and critical accessibility violations axe-core finds in `context` (through open
 * shadow roots), against WCAG 2.2 A and AA, as "id: what (where)" lines.
 */
export async function seriousViolations(context: Element): Promise<string[]> {
  await loadAxe();
  const results = await window.axe!.run(context, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] });
  return results.violations
    .filter((violation: Result) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation: Result) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}
