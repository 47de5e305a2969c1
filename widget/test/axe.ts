import type { AxeResults, Result } from "axe-core";
// axe-core's browser build, as the test runner serves node_modules: it sets `window.axe`.
import "axe-core";

declare global {
  interface Window {
    axe?: { run(context: Element | Document, options?: object): Promise<AxeResults> };
  }
}

/**
 * The serious and critical accessibility violations axe-core finds in `context` (through open
 * shadow roots), against WCAG 2.2 A and AA, as "id: what (where)" lines.
 */
export async function seriousViolations(context: Element): Promise<string[]> {
  // A panel still fading in has its colors halfway: audit what a person sees once it settled.
  const animations: Animation[] = [];
  const collect = (scope: Document | ShadowRoot) => {
    animations.push(...scope.getAnimations());
    for (const element of scope.querySelectorAll("*")) if (element.shadowRoot) collect(element.shadowRoot);
  };
  collect(document);
  await Promise.all(animations.map((animation) => animation.finished.catch(() => {})));
  const results = await window.axe!.run(context, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] });
  return results.violations
    .filter((violation: Result) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation: Result) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`);
}
