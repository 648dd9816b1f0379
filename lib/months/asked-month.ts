// The month a page shows for the month its address asks for. An address may name a month the
// console has nothing for (an old or edited link) or no month at all ("2026-13", "abc"): the page
// then shows a month it has, and says which month was asked for and not found.

/** What the address held, shortened: it is shown back to the reader, never used to query. */
function shown(asked: string): string {
  const trimmed = asked.trim();
  return trimmed.length > 20 ? `${trimmed.slice(0, 20)}…` : trimmed;
}

/**
 * `months` are the months the page can show (newest first); `fallback` the one shown when the
 * address names none or an unknown one (the newest by default). `unknown` is the asked month,
 * as the page may show it, when it was not one of `months`; null when none was asked for or it
 * was found.
 */
export function chooseMonth(
  asked: string | string[] | undefined,
  months: readonly string[],
  fallback: string | null = months[0] ?? null,
): { month: string | null; unknown: string | null } {
  const value = Array.isArray(asked) ? asked[0] : asked;
  if (value === undefined || value.trim() === "") return { month: fallback, unknown: null };
  if (months.includes(value)) return { month: value, unknown: null };
  return { month: fallback, unknown: shown(value) };
}
