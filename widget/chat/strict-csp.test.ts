/// <reference types="mocha" />
import { expect } from "chai";

/** What widget/test/csp/check.js reports from inside the page. */
interface CspCheck {
  pageOrigin: string;
  widgetOrigins: string[];
  rendered: boolean;
  chatBeforeIntent?: number;
  chatOrigins?: string[];
  launcherBackground?: string;
  chatPosition?: string;
  panelDisplay?: string;
  endpoint?: string | null;
  avatarShows?: string;
  violations?: string[];
  inlineStyleReported?: boolean;
  error?: string;
}

describe("porch-chat under a strict CSP, on a page of another origin", () => {
  it("renders, styles itself, loads the chat on open and opens it without unsafe-inline or unsafe-eval, and shows initials for a blocked picture", async () => {
    const frame = document.createElement("iframe");
    const reported = new Promise<CspCheck>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the page reported nothing")), 9000);
      window.addEventListener("message", function onMessage(event: MessageEvent<CspCheck>) {
        if (event.source !== frame.contentWindow) return;
        window.removeEventListener("message", onMessage);
        clearTimeout(timer);
        resolve(event.data);
      });
    });
    // The test runner serves on 127.0.0.1; the page comes from localhost, another origin, and
    // loads the widget from the runner's (web-test-runner.config.mjs adds the CORS header).
    frame.src = `http://localhost:${location.port}/widget/test/csp/index.html`;
    frame.style.width = "800px";
    frame.style.height = "700px";
    document.body.append(frame);
    try {
      const check = await reported;
      expect(check.error).to.equal(undefined);
      expect(check.pageOrigin).to.equal(`http://localhost:${location.port}`);
      expect(check.widgetOrigins).to.deep.equal([location.origin]);
      expect(check.pageOrigin).to.not.equal(location.origin);
      expect(check.rendered, "the widget rendered").to.equal(true);
      expect(check.chatBeforeIntent, "the chat's modules (and Lit) before any intent").to.equal(0);
      expect(check.chatOrigins, "the chat's modules, loaded from the widget's origin on open").to.deep.equal([location.origin]);
      expect(check.launcherBackground).to.equal("rgb(31, 111, 92)");
      expect(check.chatPosition).to.equal("fixed");
      expect(check.panelDisplay).to.equal("flex");
      expect(check.endpoint).to.equal("ws://127.0.0.1:9/local");
      expect(check.avatarShows, "initials where the policy blocks the owner's picture").to.equal("ML");
      expect(check.violations).to.deep.equal(["img-src http://127.0.0.1:9/marta.jpg"], "only the picture was blocked");
      expect(check.inlineStyleReported, "the policy is in force").to.equal(true);
    } finally {
      frame.remove();
    }
  });
});
