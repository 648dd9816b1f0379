// Splits test files into groups that take about as long each: the longest first, each to the group
// with the least time so far. The test runners use it to run halves of a suite side by side, with
// seconds measured once on 2 cores (a file not listed counts `unknown`).

/** `items` in `count` groups by their seconds; deterministic for the same items. */
export function splitByTime(
  items: readonly string[],
  count: number,
  seconds: Readonly<Record<string, number>>,
  unknown: number,
): string[][] {
  const timeOf = (item: string) => seconds[item] ?? unknown;
  const ordered = [...items].sort((a, b) => timeOf(b) - timeOf(a) || a.localeCompare(b));
  const groups = Array.from({ length: count }, () => ({ seconds: 0, items: [] as string[] }));
  for (const item of ordered) {
    const lightest = groups.reduce((min, g) => (g.seconds < min.seconds ? g : min));
    lightest.seconds += timeOf(item);
    lightest.items.push(item);
  }
  return groups.map((g) => g.items);
}
