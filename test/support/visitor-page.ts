import type { Page } from "playwright-core";

/** The visitor's side of the widget in a Chromium page, as a person finds it (by role and name). */
export const launcher = (page: Page) => page.locator("porch-launcher button");
export const input = (page: Page) => page.getByRole("textbox", { name: "Message" });
export const bubble = (page: Page, text: string) => page.locator(`[part~="message"]`, { hasText: text });

/** Types a message in the open panel and sends it with Enter. */
export async function say(page: Page, text: string): Promise<void> {
  await input(page).fill(text);
  await input(page).press("Enter");
}
