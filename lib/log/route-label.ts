// The route a request matched, as its pattern (`/invoices/[id]`), never the path itself: paths
// and queries can carry a customer's id or a search for a name, and the metrics need few labels.
// Read from the build's routes manifest, so it names exactly the routes Next serves.
import fs from "node:fs";
import path from "node:path";

type ManifestRoute = { page: string; regex: string };
type Matcher = { page: string; regex: RegExp };

export function routeMatcher(manifest: { staticRoutes?: ManifestRoute[]; dynamicRoutes?: ManifestRoute[] }) {
  const staticPages = new Map<string, string>();
  for (const r of manifest.staticRoutes ?? []) staticPages.set(r.page, r.page);
  const dynamic: Matcher[] = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, regex: new RegExp(r.regex) }));
  return (pathname: string): string => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/")) return "/_next";
    const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
    const exact = staticPages.get(trimmed);
    if (exact) return exact;
    for (const m of dynamic) if (m.regex.test(pathname)) return m.page;
    return "(unmatched)";
  };
}

/** The matcher for the build in distDir (every path unmatched when the manifest is missing). */
export function routeMatcherFor(distDir: string) {
  try {
    const file = path.join(process.cwd(), distDir, "routes-manifest.json");
    return routeMatcher(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch {
    return routeMatcher({});
  }
}
