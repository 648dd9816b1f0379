import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { demoSignInEnabled, env, oidcEnabled } from "@/lib/env";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { requestClient } from "@/lib/http/request-facts";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { openSession, SESSION_MAX_MS, signOutEverywhere } from "./sessions";
import { syncOidcUser } from "@/lib/users/sync-oidc-user";
import {
  checkSignInThrottle,
  recordSignInFailure,
  recordSignInSuccess,
  type ThrottleRefusal,
} from "./sign-in-throttle";
import { authSecret, authSecretsForVerification } from "./auth-secret";
import { decodeSessionToken, encodeSessionToken } from "./session-token";
import { parseRoleMap, rolesFromGroups } from "./role-map";
import { UUID } from "@/lib/uuid";

async function requestOrigin() {
  try {
    return requestClient(await headers());
  } catch {
    return { ip: null, userAgent: null };
  }
}

/**
 * A refused sign-in: recorded, and, when it counts as a failed attempt, counted against the
 * account (when one was named) and the client's address (lib/auth/sign-in-throttle.ts). The
 * throttle's own refusals do not count: a locked account would otherwise stay locked by its
 * owner's retries.
 */
async function refuseSignIn(
  provider: string,
  who: string,
  reason: string,
  { account = null, counts }: { account?: string | null; counts: boolean },
) {
  const origin = await requestOrigin();
  await recordAuditEventNow({
    actor: { id: null, email: who, ...origin },
    action: "auth.sign-in",
    outcome: "REFUSED",
    reason,
    metadata: { provider },
  });
  if (counts) await recordSignInFailure({ account, address: origin.ip, ...origin });
}

const THROTTLE_MESSAGES: Record<ThrottleRefusal, string> = {
  "account-locked": "account locked after repeated failed sign-ins",
  "address-throttled": "too many failed sign-ins from this address",
};

/** The throttle's verdict for this attempt; a refusal is recorded (not counted again). */
async function throttled(provider: string, who: string, account: string | null): Promise<ThrottleRefusal | null> {
  const origin = await requestOrigin();
  const check = await checkSignInThrottle({ account, address: origin.ip, userAgent: origin.userAgent });
  if (!check.blocked) return null;
  await refuseSignIn(provider, who, THROTTLE_MESSAGES[check.reason], { account, counts: false });
  return check.reason;
}

/** The sign-in page's error code for a throttled attempt (it explains it in the reader's language). */
const THROTTLE_ERROR: Record<ThrottleRefusal, string> = {
  "account-locked": "AccountLocked",
  "address-throttled": "TooManyAttempts",
};

const roleMap = parseRoleMap(env.OIDC_ROLE_MAP);

const providers: NextAuthOptions["providers"] = [];

// oidcEnabled already requires the issuer; testing it again lets the type see it is set.
if (oidcEnabled && env.OIDC_ISSUER) {
  providers.push({
    id: "oidc",
    name: env.OIDC_DISPLAY_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile: Record<string, unknown>) {
      return {
        id: String(profile.sub),
        email: typeof profile.email === "string" ? profile.email : null,
        name: typeof profile.name === "string" ? profile.name : null,
        groups: profile[env.OIDC_GROUPS_CLAIM],
      };
    },
  });
}

if (demoSignInEnabled) {
  providers.push(
    CredentialsProvider({
      id: "demo",
      name: "Demo",
      credentials: { userId: { label: "User", type: "text" } },
      async authorize(credentials) {
        const userId = credentials?.userId ?? "";
        const user = UUID.test(userId) ? await db.user.findUnique({ where: { id: userId } }) : null;
        const who = user?.email ?? `unknown:${userId.slice(0, 40)}`;
        // Locked accounts and throttled addresses are refused before anything else is checked.
        const refusal = await throttled("demo", who, user?.email ?? null);
        // next-auth sends the person back to the sign-in page with this as ?error=.
        if (refusal) throw new Error(THROTTLE_ERROR[refusal]);
        if (!user?.active) {
          await refuseSignIn("demo", who, user ? "inactive user" : "unknown user", {
            account: user?.email ?? null,
            counts: true,
          });
          return null;
        }
        await recordSignInSuccess({ account: user.email, address: null });
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  );
}

export const authOptions: NextAuthOptions = {
  providers,
  // A getter: next-auth reads it per request, so a rotated NEXTAUTH_SECRET_FILE applies at once.
  get secret() {
    return authSecret();
  },
  session: { strategy: "jwt", maxAge: Math.floor(SESSION_MAX_MS / 1000) },
  // next-auth's token format, with its key derived once instead of on every request.
  jwt: {
    // New tokens with the current secret; tokens made before a rotation are still read.
    encode: ({ token, maxAge }) =>
      encodeSessionToken({ token, secret: authSecret(), maxAge: maxAge ?? Math.floor(SESSION_MAX_MS / 1000) }),
    decode: ({ token }) => decodeSessionToken({ token, secret: authSecretsForVerification() }),
  },
  pages: { signIn: "/signin", error: "/signin" },
  callbacks: {
    // Where next-auth sends someone after sign-in or sign-out: only the console itself, by the
    // same rule as the sign-in page (lib/http/safe-redirect.ts); anything else goes home.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeRedirectPath(url, { consoleOrigin: new URL(baseUrl).origin })}`;
    },
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const email = user.email?.toLowerCase();
      const subject = account.providerAccountId;
      const roles = rolesFromGroups((profile as Record<string, unknown> | undefined)?.[env.OIDC_GROUPS_CLAIM], roleMap);
      const refusal = await throttled("oidc", email ?? `subject:${subject}`, email ?? null);
      if (refusal) return `/signin?error=${THROTTLE_ERROR[refusal]}`;
      if (!email) {
        await refuseSignIn("oidc", `subject:${subject}`, "the identity provider sent no e-mail", { counts: true });
        return false;
      }
      if (roles.length === 0) {
        await refuseSignIn("oidc", email, "no console role is mapped from the user's groups", {
          account: email,
          counts: true,
        });
        return false;
      }
      // The provider's groups are the source of roles: synced, audited, and a removed role ends
      // the person's other sessions (lib/users/sync-oidc-user.ts).
      const synced = await syncOidcUser({
        subject,
        email,
        name: user.name ?? null,
        roles,
        origin: await requestOrigin(),
      });
      if (synced.kind === "inactive") {
        await refuseSignIn("oidc", email, "inactive user", { account: email, counts: true });
        return false;
      }
      user.id = synced.userId;
      await recordSignInSuccess({ account: email, address: null });
      return true;
    },
    async jwt({ token, user, account }) {
      if (user && account) {
        const origin = await requestOrigin();
        const session = await openSession({ userId: user.id, provider: account.provider, ...origin });
        await recordAuditEventNow({
          actor: { id: user.id, email: user.email ?? "", ...origin },
          action: "auth.sign-in",
          target: { type: "session", id: session.id },
          metadata: { provider: account.provider },
        });
        return { sub: user.id, sid: session.id };
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, sid: typeof token.sid === "string" ? token.sid : undefined };
    },
  },
  events: {
    // Signing out ends every session of the person (lib/auth/sessions.ts), audited once.
    async signOut({ token }) {
      const sid = typeof token?.sid === "string" ? token.sid : null;
      const uid = typeof token?.sub === "string" ? token.sub : null;
      if (!sid || !uid) return;
      const user = await db.user.findUnique({ where: { id: uid }, select: { email: true } });
      await signOutEverywhere(sid, { id: uid, email: user?.email ?? "", ...(await requestOrigin()) });
    },
  },
};
