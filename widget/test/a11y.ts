import "axe-core";
import "./audit.js";

/**
 * Fails the test with every finding of the accessibility audit (widget/test/audit.js) on `root`:
 * axe-core's serious and critical violations, targets under 24×24 px, controls under 3:1.
 */
export async function expectAccessible(root: Element, state: string): Promise<void> {
  const { violations, smallTargets, faintParts } = await porchAudit(root);
  const findings = [...violations, ...smallTargets, ...faintParts];
  if (findings.length) throw new Error(`${state}:\n  ${findings.join("\n  ")}`);
}
