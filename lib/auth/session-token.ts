// The session cookie next-auth writes: an encrypted JWT (JWE, dir + A256GCM) whose key is
// derived from NEXTAUTH_SECRET with HKDF. next-auth derives that key again on every encode and
// decode, and getServerSession runs its whole request handler (and re-encrypts the token) just
// to read it. Every page reads it, so the key is derived once here and the token decrypted
// directly. The format is next-auth's own (the codec is also handed to next-auth, and a test
// checks both read each other's tokens); the token only names a server-side session, which
// lib/auth/sessions.ts checks against the database on every request.
import { hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";
const INFO = "NextAuth.js Generated Encryption Key";
const keys = new Map<string, Uint8Array>();

function encryptionKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", INFO, 32));
    keys.set(secret, key);
  }
  return key;
}

export async function encodeSessionToken({
  token = {},
  secret,
  maxAge,
}: {
  token?: JWTPayload;
  secret: string;
  maxAge: number;
}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(encryptionKey(secret));
}

/**
 * The token's claims, or null when it is missing, tampered with, or expired. Several secrets
 * are tried in order (the current one, then the one before a rotation).
 */
export async function decodeSessionToken({
  token,
  secret,
}: {
  token: string | undefined | null;
  secret: string | readonly string[];
}): Promise<JWTPayload | null> {
  if (!token) return null;
  for (const candidate of typeof secret === "string" ? [secret] : secret) {
    try {
      const { payload } = await jwtDecrypt(token, encryptionKey(candidate), { clockTolerance: 15 });
      return payload;
    } catch {
      // Not this secret (or not a valid token at all): try the next one.
    }
  }
  return null;
}

/** next-auth's cookie name: `__Secure-` prefixed when the console is served over HTTPS. */
export function sessionCookieName(baseUrl: string | undefined): string {
  return baseUrl?.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The token's text; next-auth splits one too large for a cookie into `name.0`, `name.1`, … */
export function sessionTokenFromCookies(cookies: Array<{ name: string; value: string }>, name: string): string | null {
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}
