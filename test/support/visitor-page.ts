import type { Page } from "playwright-core";

/** The visitor's side of the widget in a Chromium page, as a person finds it (by role and name). */
export const launcher = (page: Page) => page.locator("porch-chat button[part~=launcher]");
export const input = (page: Page) => page.getByRole("textbox", { name: "Message" });
export const bubble = (page: Page, text: string) => page.locator(`[part~="message"]`, { hasText: text });
export const visitorIdOf = async (page: Page) => (await page.evaluate(() => localStorage.getItem("porch:visitorId")))!;

/** Opens the panel; a new visitor on the demo blog (which asks with `intro`) skips the optional name and email. */
export async function openChat(page: Page): Promise<void> {
  await launcher(page).click();
  await page.locator("porch-intro, porch-composer").first().waitFor();
  if (await page.locator("porch-intro").count()) await page.getByRole("button", { name: "Skip" }).click();
  await input(page).waitFor();
}

/** Types a message in the open panel and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  await input(page).fill(text);
  await input(page).press("Enter");
}
