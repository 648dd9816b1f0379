// Refuses mutations from another origin, adds a per-request CSP nonce and, for convenience
// only, sends visitors without a session cookie to sign-in. It is never the only boundary:
// every page and action checks the session and the policy itself (lib/dal), and the server
// action wrapper checks the Origin again (lib/actions/action.ts).
import { NextResponse, type NextRequest } from "next/server";
import { refuseForeignMutation } from "@/lib/http/refuse-foreign-mutation";

const PUBLIC_PATHS = ["/signin", "/api/auth", "/api/health"];

function contentSecurityPolicy(nonce: string, secure: boolean) {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (charts, progress bars) need 'unsafe-inline'; no inline scripts do.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(secure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

export async function proxy(request: NextRequest) {
  // A mutation (server action, route handler, sign-in, sign-out) from another origin: 403.
  const refused = await refuseForeignMutation(request, "proxy");
  if (refused) return refused;
  const { pathname, search } = request.nextUrl;
  // A path Next.js cannot decode ("/lookup/projects/%E0%A4%A") would fail in its router with a
  // 500 before any page runs: it is a bad request.
  if (!decodes(pathname)) return new NextResponse("Bad request: the address is not valid.", { status: 400 });
  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = request.cookies.getAll().some((c) => c.name.endsWith("next-auth.session-token"));
  // A server action call goes on to the action wrapper, which refuses it and records the refusal.
  const isServerAction = request.method === "POST" && request.headers.has("next-action");
  if (!isPublic && !hasSession && !isServerAction && !pathname.startsWith("/api/")) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, request.nextUrl.protocol === "https:");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

// Every request but static files: prefetches included, so no request (a POST dressed as a
// prefetch) skips the Origin check.
export const config = {
  // Static files anyone may fetch (the icons load on the sign-in page too) pass untouched.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icons/).*)"],
};
