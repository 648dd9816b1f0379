// The throttle at the two ways in: single sign-on's callback (next-auth's signIn callback, which
// refuses a person without a mapped role or a deactivated one) and the demo sign-in (its
// credentials provider). Their refusals count against the account; the tenth locks it, and from
// then on the right person with the right groups is refused too, before anything else is checked.
import { describe, expect, it, vi } from "vitest";

// Read when lib/env is first imported: the demo provider and a role map for the callback.
vi.hoisted(() => {
  process.env.DEMO_SIGN_IN = "true";
  process.env.OIDC_ROLE_MAP = "it-finance=FINANCE";
});

import { authOptions } from "@/lib/auth/options";
import { THROTTLE } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { createUser, uniqueSuffix } from "../support/db";

type SignInArgs = Parameters<NonNullable<NonNullable<typeof authOptions.callbacks>["signIn"]>>[0];

/** What single sign-on's callback answers for this person and these groups. */
function ssoCallback(email: string, groups: string[]) {
  const signIn = authOptions.callbacks?.signIn;
  if (!signIn) throw new Error("no signIn callback");
  return signIn({
    user: { id: `sub-${email}`, email, name: "SSO Person" },
    account: { provider: "oidc", type: "oauth", providerAccountId: `sub-${email}` },
    profile: { groups },
  } as unknown as SignInArgs);
}

type DemoProvider = { options: { id: string; authorize: (credentials: { userId: string }) => Promise<unknown> } };

/** The demo provider's own authorize (next-auth keeps the id and it in the provider's options until it starts). */
function demoAuthorize(userId: string) {
  const provider = (authOptions.providers as unknown as Array<Partial<DemoProvider>>).find(
    (p) => p.options?.id === "demo",
  ) as DemoProvider | undefined;
  if (!provider) throw new Error("the demo sign-in is not enabled");
  return provider.options.authorize({ userId });
}

async function eventsFor(email: string) {
  return db.auditEvent.findMany({
    where: { OR: [{ actorEmail: email }, { targetId: email }], action: { startsWith: "auth.sign-in" } },
    orderBy: { seq: "asc" },
    select: { action: true, outcome: true, reason: true, metadata: true },
  });
}

describe("sign-in entry points count toward the lock", () => {
  it(`single sign-on: ${THROTTLE.account.limit} refused callbacks lock the account, mapped groups or not`, async () => {
    const email = `sso-${uniqueSuffix()}@corp.example`;
    for (let i = 0; i < THROTTLE.account.limit; i++) expect(await ssoCallback(email, ["not-mapped"])).toBe(false);
    const locked = await db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } });
    expect(await ssoCallback(email, ["it-finance"])).toBe("/signin?error=AccountLocked");
    // The throttle's own refusal is recorded but not counted as another failure.
    expect(await db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } })).toEqual(locked);
    // Refused before the user was created from the provider's claims.
    expect(await db.user.count({ where: { email } })).toBe(0);

    const events = await eventsFor(email);
    const refusals = events.filter((e) => e.action === "auth.sign-in");
    expect(refusals).toHaveLength(THROTTLE.account.limit + 1);
    for (const refusal of refusals)
      expect(refusal).toMatchObject({ outcome: "REFUSED", metadata: { provider: "oidc" } });
    expect(refusals.at(-1)?.reason).toBe("account locked after repeated failed sign-ins");
    const locks = events.filter((e) => e.action === "auth.sign-in-locked");
    expect(locks).toEqual([
      expect.objectContaining({ outcome: "REFUSED", reason: `${THROTTLE.account.limit} failed sign-ins` }),
    ]);
  });

  it("single sign-on: a deactivated user's attempts count too", async () => {
    const user = await db.user.update({
      where: { id: (await createUser(["FINANCE"])).id },
      data: { active: false },
    });
    for (let i = 0; i < THROTTLE.account.limit; i++) expect(await ssoCallback(user.email, ["it-finance"])).toBe(false);
    await db.user.update({ where: { id: user.id }, data: { active: true } });
    expect(await ssoCallback(user.email, ["it-finance"])).toBe("/signin?error=AccountLocked");
    expect(await db.auditEvent.count({ where: { action: "auth.sign-in-locked", targetId: user.email } })).toBe(1);
  });

  it(`demo sign-in: ${THROTTLE.account.limit} refusals lock the account, active user or not`, async () => {
    const user = await db.user.update({
      where: { id: (await createUser(["SUPPORT"])).id },
      data: { active: false },
    });
    for (let i = 0; i < THROTTLE.account.limit; i++) expect(await demoAuthorize(user.id)).toBeNull();
    await db.user.update({ where: { id: user.id }, data: { active: true } });
    // next-auth sends the person back to the sign-in page with the error's message as ?error=.
    await expect(demoAuthorize(user.id)).rejects.toThrow("AccountLocked");
    const events = await eventsFor(user.email);
    expect(events.filter((e) => e.action === "auth.sign-in-locked")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({
      action: "auth.sign-in",
      outcome: "REFUSED",
      reason: "account locked after repeated failed sign-ins",
    });
  });
});
