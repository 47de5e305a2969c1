// The accessibility audit of a page or an element and its shadow trees, shared by the element tests
// (which import this file) and the end-to-end tests (which evaluate it in the page). It needs
// axe-core loaded (`window.axe`) and reports, as sentences:
// - `violations`: axe-core's serious and critical findings (WCAG 2.x A and AA, WCAG 2.2 AA's target
//   size, best practices), text contrast (4.5:1, large text 3:1) among them;
// - `smallTargets`: interactive elements under 24×24 px (WCAG 2.2, 2.5.8), measured with
//   getBoundingClientRect; a link inside a sentence is exempt (2.5.8's "inline": an inline link
//   among its parent's other text, as in a message), so is a focus trap's edge, which no pointer
//   can hit;
// - `faintParts`: controls whose edge (their background, else their border, else for an icon or
//   text button its color) stands out from what is behind them by less than 3:1 (WCAG 1.4.11).
/* global axe */
(() => {
  const interactive = 'button, a[href], input:not([type="hidden"]), textarea, select, summary, [tabindex]:not([tabindex="-1"])';

  /** The color `css` resolves to, as [r, g, b, a] with a in 0–1, read back from a canvas pixel. */
  const canvas = new OffscreenCanvas(1, 1);
  const paint = canvas.getContext("2d", { willReadFrequently: true });
  function rgba(css) {
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = "#000";
    paint.fillStyle = css;
    paint.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = paint.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  }
  const over = (top, under) =>
    top
      .slice(0, 3)
      .map((channel, i) => channel * top[3] + under[i] * (1 - top[3]))
      .concat(1);
  const luminance = ([r, g, b]) =>
    [r, g, b]
      .map((channel) => channel / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const contrast = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  /** The parent in the flat tree: out of a shadow root to its host. */
  const parentOf = (element) => element.assignedSlot ?? element.parentElement ?? element.getRootNode().host ?? null;
  /** What is painted behind an element: its ancestors' backgrounds, composed, over white. */
  function behind(element) {
    const layers = [];
    for (let at = parentOf(element); at; at = parentOf(at)) {
      const color = rgba(getComputedStyle(at).backgroundColor);
      if (color[3] > 0) layers.push(color);
      if (color[3] === 1) break;
    }
    return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1]);
  }
  const name = (element) =>
    `<${element.localName}${element.className ? ` class="${element.className}"` : ""}> "${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40)}"`;

  globalThis.porchAudit = async (root = document) => {
    // A panel still fading in has its colors halfway: audit what a person sees once it settled.
    const animations = [];
    const collect = (scope) => {
      animations.push(...scope.getAnimations());
      for (const element of scope.querySelectorAll("*")) if (element.shadowRoot) collect(element.shadowRoot);
    };
    collect(document);
    await Promise.all(animations.map((animation) => animation.finished.catch(() => {})));
    const results = await axe.run(root, { resultTypes: ["violations"] });
    const violations = results.violations
      .filter((rule) => rule.impact === "serious" || rule.impact === "critical")
      .map(
        (rule) =>
          `${rule.id} (${rule.impact}): ${rule.help}\n      ${rule.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary}`).join("\n      ")}`,
      );
    const smallTargets = [];
    const faintParts = [];
    const seen = new Set();
    const visit = (scope) => {
      for (const element of scope.querySelectorAll("*")) {
        if (element.shadowRoot) visit(element.shadowRoot);
        if (seen.has(element)) continue;
        seen.add(element);
        if (!element.matches(interactive) || !element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const style = getComputedStyle(element);
        if (style.clipPath === "inset(50%)") continue;
        const inSentence =
          element.localName === "a" && style.display === "inline" && parentOf(element).textContent.trim() !== element.textContent.trim();
        if (!inSentence) {
          const box = element.getBoundingClientRect();
          if (box.width < 24 || box.height < 24)
            smallTargets.push(`${name(element)} is ${box.width.toFixed(1)}×${box.height.toFixed(1)} px`);
        }
        const back = behind(element);
        const fill = rgba(style.backgroundColor);
        // The most visible side of the border: an outline, or a bar that marks a state.
        const border = ["Top", "Right", "Bottom", "Left"]
          .filter((side) => parseFloat(style[`border${side}Width`]) > 0)
          .map((side) => rgba(style[`border${side}Color`]))
          .sort((a, b) => contrast(over(b, back), back) - contrast(over(a, back), back))[0] ?? [0, 0, 0, 0];
        const edge = fill[3] > 0 ? over(fill, back) : border[3] > 0 ? over(border, back) : over(rgba(style.color), back);
        const ratio = contrast(edge, back);
        // A control with a fill that does not stand out may still be outlined by a border that does.
        const outlined = fill[3] > 0 && border[3] > 0 && contrast(over(border, back), back) >= 3;
        if (ratio < 3 && !outlined) faintParts.push(`${name(element)}: its edge is ${ratio.toFixed(2)}:1 against what is behind it`);
      }
    };
    if (root instanceof Document) visit(root);
    else {
      if (root.shadowRoot) visit(root.shadowRoot);
      visit(root);
    }
    return { violations, smallTargets, faintParts };
  };
})();
