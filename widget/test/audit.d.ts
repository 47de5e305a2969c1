/** What widget/test/audit.js finds: each a sentence naming the element. */
export interface AuditFindings {
  violations: string[];
  smallTargets: string[];
  faintParts: string[];
}

declare global {
  /** Audits a page or an element and its shadow trees (widget/test/audit.js). */
  var porchAudit: (root?: Element | Document) => Promise<AuditFindings>;
}
