/// <reference types="mocha" />
import { expect } from "chai";
import { until } from "../test/fake-backend.ts";
import type { PorchChat } from "./porch-chat.ts";

describe("porch-chat under a strict CSP", () => {
  it("renders, styles itself and opens without unsafe-inline or unsafe-eval", async () => {
    const frame = document.createElement("iframe");
    frame.src = "/widget/test/csp/index.html";
    frame.style.width = "800px";
    frame.style.height = "700px";
    document.body.append(frame);
    try {
      await until(() => frame.contentDocument?.querySelector("porch-chat")?.shadowRoot, "the widget", 5000);
      const page = frame.contentWindow as Window & { violations: string[] };
      const chat = page.document.querySelector("porch-chat") as PorchChat;
      await chat.open();
      await chat.updateComplete;
      const launcher = chat.shadowRoot!.querySelector("porch-launcher")!.shadowRoot!.querySelector("button")!;
      expect(page.getComputedStyle(launcher).backgroundColor).to.equal("rgb(31, 111, 92)");
      expect(page.getComputedStyle(chat).position).to.equal("fixed");
      const panel = chat.shadowRoot!.querySelector("porch-panel")!;
      expect(page.getComputedStyle(panel).display).to.equal("flex");
      expect(chat.getAttribute("endpoint")).to.equal("ws://127.0.0.1:9/local");
      expect(page.violations).to.deep.equal([]);
      // The policy is really in force: an inline style attribute is reported.
      page.document.body.insertAdjacentHTML("beforeend", `<b style="color:red">x</b>`);
      await until(() => page.violations.length, "a violation", 2000);
    } finally {
      frame.remove();
    }
  });
});
