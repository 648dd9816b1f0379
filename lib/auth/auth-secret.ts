import { randomBytes } from "node:crypto";
import { previousSecret, readSecret } from "@/lib/secrets/secret";

// A development run without NEXTAUTH_SECRET gets a random secret for the life of the process,
// so its sessions end when it restarts. Production requires NEXTAUTH_SECRET or
// NEXTAUTH_SECRET_FILE (see lib/env-schema.js).
const processSecret = randomBytes(32).toString("hex");

/**
 * The secret new session cookies are encrypted with: NEXTAUTH_SECRET_FILE (re-read when the
 * file changes, so a rotation needs no restart) or NEXTAUTH_SECRET.
 */
export function authSecret(): string {
  return readSecret("NEXTAUTH_SECRET") ?? processSecret;
}

/** After a rotation, cookies made with the previous secret stay valid this long (default 12 h). */
export function authSecretGraceMs(): number {
  const hours = Number(process.env.NEXTAUTH_SECRET_GRACE_HOURS);
  return (Number.isFinite(hours) && hours >= 0 ? hours : 12) * 3_600_000;
}

/** The secrets a session cookie is accepted with: the current one, then the previous within its grace. */
export function authSecretsForVerification(): string[] {
  const current = authSecret();
  const previous = previousSecret("NEXTAUTH_SECRET", authSecretGraceMs());
  return previous && previous !== current ? [current, previous] : [current];
}
