import type { ReactiveController, ReactiveControllerHost } from "lit";

/**
 * Publishes the visual viewport (the part of the page not covered by an on-screen keyboard) as
 * `--_viewport-height` and `--_viewport-top` on the host, so a full-screen panel can keep its
 * composer above the keyboard. Set through CSSOM, which a strict CSP allows.
 */
export class ViewportFit implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    visualViewport?.addEventListener("resize", this.fit);
    visualViewport?.addEventListener("scroll", this.fit);
    this.fit();
  }

  hostDisconnected(): void {
    visualViewport?.removeEventListener("resize", this.fit);
    visualViewport?.removeEventListener("scroll", this.fit);
  }

  private readonly fit = () => {
    if (!visualViewport) return;
    this.host.style.setProperty("--_viewport-height", `${visualViewport.height}px`);
    this.host.style.setProperty("--_viewport-top", `${visualViewport.offsetTop}px`);
  };
}
