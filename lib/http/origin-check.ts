// Cross-site request forgery: a browser attaches the session cookie to a request another site
// makes it send, but it also says where the request came from (Origin, and Sec-Fetch-Site).
// A mutation (any method but GET, HEAD and OPTIONS: server actions, route handlers, sign-in and
// sign-out) runs only when that source is the console itself or an origin configured as allowed.
// A request that names no source at all is refused too: every browser sends Origin on a POST,
// so its absence means something other than the console's own pages sent it. Pure.

export interface AllowedOrigins {
  /** Exact origins: "https://console.example.com". */
  origins: ReadonlySet<string>;
  /** Hosts with any scheme ("console.example.com:8443") or a wildcard ("*.example.com"). */
  hosts: readonly string[];
}

export type OriginRefusal = "missing-origin" | "null-origin" | "malformed-origin" | "foreign-origin";

export type OriginVerdict = { ok: true } | { ok: false; reason: OriginRefusal };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isMutation(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The origin of a URL ("https://h:1/x" -> "https://h:1"), or null when it is not one. */
function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The console's own origin (NEXTAUTH_URL, else http://localhost:PORT as next-auth assumes) and
 * the ALLOWED_ORIGINS list: full origins, or hosts as next's serverActions.allowedOrigins takes them.
 */
export function allowedOriginsFrom({
  consoleUrl,
  extra,
}: {
  consoleUrl: string;
  extra: string | undefined;
}): AllowedOrigins {
  const origins = new Set<string>();
  const hosts: string[] = [];
  const own = originOf(consoleUrl);
  if (own) origins.add(own);
  for (const entry of (extra ?? "").split(",").map((e) => e.trim().toLowerCase())) {
    if (!entry) continue;
    const origin = /^https?:\/\//.test(entry) ? originOf(entry) : null;
    if (origin) origins.add(origin);
    else hosts.push(entry);
  }
  return { origins, hosts };
}

function hostAllowed(host: string, patterns: readonly string[]): boolean {
  return patterns.some((p) =>
    p.startsWith("*.") ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : p === host,
  );
}

/** Whether a mutation with these headers may run. Safe methods always may. */
export function checkOrigin(
  request: { method: string; origin: string | null; secFetchSite: string | null },
  allowed: AllowedOrigins,
): OriginVerdict {
  if (!isMutation(request.method)) return { ok: true };
  const origin = request.origin?.trim();
  if (origin === undefined || origin === "") {
    // No Origin: only the browser's own word that the console itself sent it will do.
    return request.secFetchSite === "same-origin" ? { ok: true } : { ok: false, reason: "missing-origin" };
  }
  if (origin === "null") return { ok: false, reason: "null-origin" };
  const parsed = originOf(origin);
  // An Origin header is exactly scheme://host[:port]; anything more is not a browser's.
  if (parsed === null || parsed !== origin.toLowerCase()) return { ok: false, reason: "malformed-origin" };
  if (allowed.origins.has(parsed)) return { ok: true };
  if (hostAllowed(new URL(parsed).host, allowed.hosts)) return { ok: true };
  return { ok: false, reason: "foreign-origin" };
}
