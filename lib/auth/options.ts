import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { demoSignInEnabled, env, oidcEnabled } from "@/lib/env";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { endSession, openSession, SESSION_MAX_MS } from "./sessions";
import { AUTH_SECRET } from "./auth-secret";
import { decodeSessionToken, encodeSessionToken } from "./session-token";
import { parseRoleMap, rolesFromGroups } from "./role-map";

async function requestOrigin() {
  try {
    const h = await headers();
    return {
      ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? h.get("x-real-ip") ?? null,
      userAgent: h.get("user-agent"),
    };
  } catch {
    return { ip: null, userAgent: null };
  }
}

async function refuseSignIn(provider: string, who: string, reason: string) {
  const origin = await requestOrigin();
  await recordAuditEventNow({
    actor: { id: null, email: who, ...origin },
    action: "auth.sign-in",
    outcome: "REFUSED",
    reason,
    metadata: { provider },
  });
}

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
        const user = /^[0-9a-f-]{36}$/i.test(userId) ? await db.user.findUnique({ where: { id: userId } }) : null;
        if (!user?.active) {
          await refuseSignIn(
            "demo",
            user?.email ?? `unknown:${userId.slice(0, 40)}`,
            user ? "inactive user" : "unknown user",
          );
          return null;
        }
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  );
}

export const authOptions: NextAuthOptions = {
  providers,
  secret: AUTH_SECRET,
  session: { strategy: "jwt", maxAge: Math.floor(SESSION_MAX_MS / 1000) },
  // next-auth's token format, with its key derived once instead of on every request.
  jwt: {
    encode: ({ token, secret, maxAge }) =>
      encodeSessionToken({ token, secret: String(secret), maxAge: maxAge ?? Math.floor(SESSION_MAX_MS / 1000) }),
    decode: ({ token, secret }) => decodeSessionToken({ token, secret: String(secret) }),
  },
  pages: { signIn: "/signin", error: "/signin" },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const email = user.email?.toLowerCase();
      const subject = account.providerAccountId;
      const roles = rolesFromGroups((profile as Record<string, unknown> | undefined)?.[env.OIDC_GROUPS_CLAIM], roleMap);
      if (!email) {
        await refuseSignIn("oidc", `subject:${subject}`, "the identity provider sent no e-mail");
        return false;
      }
      if (roles.length === 0) {
        await refuseSignIn("oidc", email, "no console role is mapped from the user's groups");
        return false;
      }
      const existing = await db.user.findFirst({ where: { OR: [{ oidcSubject: subject }, { email }] } });
      if (existing && !existing.active) {
        await refuseSignIn("oidc", email, "inactive user");
        return false;
      }
      // The identity provider's groups are the source of roles for OIDC users: synced at sign-in.
      const saved = existing
        ? await db.user.update({
            where: { id: existing.id },
            data: { roles, oidcSubject: subject, name: user.name ?? existing.name },
          })
        : await db.user.create({ data: { email, name: user.name ?? email, roles, oidcSubject: subject } });
      user.id = saved.id;
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
    async signOut({ token }) {
      const sid = typeof token?.sid === "string" ? token.sid : null;
      const uid = typeof token?.sub === "string" ? token.sub : null;
      if (!sid || !uid) return;
      const user = await db.user.findUnique({ where: { id: uid }, select: { email: true } });
      await endSession(sid, "sign-out", { id: uid, email: user?.email ?? "", ...(await requestOrigin()) });
    },
  },
};
