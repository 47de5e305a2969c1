// Checks the widget from inside the page and posts what it found to the test in the parent page,
// which cannot look into a frame of another origin.
(async () => {
  const until = async (condition, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return true;
  };
  const result = { pageOrigin: location.origin, widgetOrigins: [], rendered: false };
  try {
    result.widgetOrigins = [
      ...new Set([...document.querySelectorAll("script[type=module][src]")].map((script) => new URL(script.src).origin)),
    ];
    result.rendered = await until(() => document.querySelector("porch-chat")?.shadowRoot, 5000);
    if (result.rendered) {
      const chat = document.querySelector("porch-chat");
      // Before any intent: the loader alone, no chat (no Lit) yet.
      const chatModules = () =>
        performance
          .getEntriesByType("resource")
          .map((entry) => new URL(entry.name))
          .filter((url) => /porch-visitor-chat|\/lit/.test(url.pathname))
          .map((url) => url.origin);
      result.chatBeforeIntent = chatModules().length;
      const launcher = chat.shadowRoot.querySelector("[part~=launcher]");
      result.launcherBackground = getComputedStyle(launcher).backgroundColor;
      await chat.open();
      const inner = chat.shadowRoot.querySelector("porch-visitor-chat");
      await inner.updateComplete;
      result.chatOrigins = [...new Set(chatModules())];
      const panel = inner.shadowRoot.querySelector("porch-panel");
      result.chatPosition = getComputedStyle(chat).position;
      result.panelDisplay = getComputedStyle(panel).display;
      result.endpoint = chat.getAttribute("endpoint");
      // The owner's picture from an origin this page's policy does not allow for images: blocked,
      // so the initials show.
      // The chat loads the picture's element once the owner has a name or a picture (none here:
      // no backend answers), so the page loads it as the chat would, from the widget's origin.
      await import(`${result.widgetOrigins[0]}/widget/chat/porch-owner-avatar.ts`);
      const avatar = document.createElement("porch-owner-avatar");
      avatar.name = "Marta Lindqvist";
      avatar.src = "http://127.0.0.1:9/marta.jpg";
      document.body.append(avatar);
      await until(() => avatar.shadowRoot?.textContent === "ML", 3000);
      result.avatarShows = avatar.shadowRoot.querySelector("img") ? "image" : avatar.shadowRoot.textContent;
    }
    result.violations = [...window.violations];
    // The policy is really in force: an inline style attribute is reported.
    document.body.insertAdjacentHTML("beforeend", `<b style="color:red">x</b>`);
    result.inlineStyleReported = await until(() => window.violations.length > result.violations.length, 2000);
  } catch (error) {
    result.error = String(error);
  }
  parent.postMessage(result, "*");
})();
