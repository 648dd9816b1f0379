import "server-only";
// The data access layer's entry: who is asking, and may they. Every page, route handler and
// server action starts here; proxy.ts only redirects for convenience.
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { checkSession, type SessionCheck } from "@/lib/auth/sessions";
import { authSecretsForVerification } from "@/lib/auth/auth-secret";
import { decodeSessionToken, sessionCookieName, sessionTokenFromCookies } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { requestClient } from "@/lib/http/request-facts";
import { recordAccessDenied } from "@/lib/audit/access-denied";
import { noteActor } from "@/lib/log/request-context";
import type { Actor } from "@/lib/authz/actor";
import { decide, type Action, type Resource } from "@/lib/authz/policy";

/** Why a request has no actor: no session cookie, one that does not decrypt, or a session that is over. */
export type Unauthenticated =
  | "no-session"
  | "invalid-session-token"
  | `session-${Extract<SessionCheck, { ok: false }>["reason"]}`;

export type ActorState = { actor: Actor } | { actor: null; expired: boolean; why: Unauthenticated };

const SESSION_COOKIE = sessionCookieName(env.NEXTAUTH_URL);

export const getActorState = cache(async (): Promise<ActorState> => {
  // The session cookie read directly (not through getServerSession, which runs next-auth's
  // whole handler and re-encrypts the token on every call): see lib/auth/session-token.ts.
  const jar = (await cookies()).getAll();
  const token = sessionTokenFromCookies(jar, SESSION_COOKIE);
  const claims = await decodeSessionToken({ token, secret: authSecretsForVerification() });
  const sid = typeof claims?.sid === "string" ? claims.sid : null;
  if (token === null) return { actor: null, expired: false, why: "no-session" };
  // A cookie that does not decrypt with the console's key: forged, tampered with, or stale.
  if (!sid) return { actor: null, expired: true, why: "invalid-session-token" };
  const origin = requestClient(await headers());
  const check = await checkSession(sid, origin);
  // The request's log line names the actor by id (never by e-mail or name).
  if (check.ok) noteActor(check.actor.id);
  return check.ok ? { actor: check.actor } : { actor: null, expired: true, why: `session-${check.reason}` };
});

export async function getActor(): Promise<Actor | null> {
  return (await getActorState()).actor;
}

/** For pages: the signed-in actor, or a redirect to sign-in (saying when the session expired). */
export async function requireActor(): Promise<Actor> {
  const state = await getActorState();
  if (state.actor) return state.actor;
  redirect(state.expired ? "/signin?expired=1" : "/signin");
}

/** For actions and route handlers: throws FORBIDDEN (and records the refusal). */
export { authorize } from "@/lib/audit/access-denied";

// A segment's layout and its page both check the page's permission, and render in the same
// request: the refusal is recorded once per request and action.
// Without a resource the decision depends on the actor and the action only.
const auditPageDenied = cache(async (actor: Actor, action: Action) => {
  const decision = decide(actor, action);
  if (!decision.allowed) await recordAccessDenied(actor, action, decision);
});

/** For pages: the actor when allowed; otherwise the refusal is recorded and a 403 page shown. */
export async function requirePermission(action: Action, resource?: Resource): Promise<Actor> {
  const actor = await requireActor();
  const decision = decide(actor, action, resource);
  if (!decision.allowed) {
    await (resource === undefined ? auditPageDenied(actor, action) : recordAccessDenied(actor, action, decision));
    forbidden();
  }
  return actor;
}
