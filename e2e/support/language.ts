// Switch the console's language for the rest of a journey (the same cookie the language buttons
// set), then reload so the page shows it. signInAs clears cookies, so call this after signing in.
import type { Page } from "@playwright/test";

export async function useLanguage(page: Page, locale: "ja" | "en") {
  const url = new URL(page.url());
  await page.context().addCookies([{ name: "locale", value: locale, url: url.origin }]);
  await page.reload();
}
