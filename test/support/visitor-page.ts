import type { Page } from "playwright-core";

/*
 * The visitor's side of a page that embeds the widget (the demo blog), as the end-to-end tests
 * drive it: through what a person sees, located by role and text.
 */

export const launcher = (page: Page) => page.locator("porch-launcher button");
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

export async function say(page: Page, text: string): Promise<void> {
  await input(page).fill(text);
  await input(page).press("Enter");
}
