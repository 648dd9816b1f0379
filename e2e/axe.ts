// The accessibility check every journey runs on the pages it visits: axe-core (through
// @axe-core/playwright) on the page as it is now, in Japanese and in English, failing on any
// critical or serious violation with the rule, the elements and axe's own explanation.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

type Language = "ja" | "en";

/** WCAG 2.1 A and AA, plus axe's best practices that are serious or worse. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

async function seriousViolations(page: Page) {
  // Only violations are read: axe then skips building selectors and HTML for every passing node
  // (its documented performance option), most of the check's time on a long list.
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return results.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes
        .slice(0, 5)
        .map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`),
    }));
}

async function setLanguage(page: Page, language: Language) {
  const url = new URL(page.url());
  await page.context().addCookies([{ name: "locale", value: language, domain: url.hostname, path: "/" }]);
}

/**
 * Runs axe on the page in both languages, and fails on any critical or serious violation. The
 * other language is opened in a second tab of the same session (the language is a cookie), so the
 * journey's own page is left as it was. `name` labels the failure. A page whose state a reload
 * would lose (an open form) passes `reload: false` and is checked as shown only.
 */
export async function expectAccessible(page: Page, name: string, options: { reload?: boolean } = {}) {
  const shown: Language = (await page.locator("html").getAttribute("lang")) === "ja" ? "ja" : "en";
  const found: Record<string, Awaited<ReturnType<typeof seriousViolations>>> = {};
  found[shown] = await seriousViolations(page);
  if (options.reload !== false) {
    const other: Language = shown === "ja" ? "en" : "ja";
    await setLanguage(page, other);
    const tab = await page.context().newPage();
    try {
      await tab.goto(page.url());
      await expect(tab.locator("html")).toHaveAttribute("lang", other);
      found[other] = await seriousViolations(tab);
    } finally {
      await tab.close();
      await setLanguage(page, shown);
    }
  }
  // Soft: a journey goes on to its next page, so one run reports every page's violations.
  for (const [language, violations] of Object.entries(found))
    expect.soft(violations, `axe: critical or serious violations on ${name} (${language})`).toEqual([]);
}
