// The policy as a table: every role against every action, plus the person-level rules.
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { navigationFor } from "./navigation";
import { localizeRefusal } from "@/lib/i18n/refusals";
import { Refusal } from "@/lib/errors";
import { assertAllowed, can, decide, type Action, type Disqualification, type Disqualified } from "./policy";

const ROLES: Role[] = ["FINANCE", "MANAGER", "SUPPORT", "ADMIN"];

// Expected role-level answers, written out (F = finance, M = manager, S = support, A = admin).
const TABLE: Record<Action, string> = {
  "drafts.view": "FMA",
  "approvals.view": "M",
  "releases.view": "FMA",
  "lookup.use": "FMSA",
  "audit.view": "MA",
  "admin.view": "A",
  "usage.import": "F",
  "usage.view": "FMSA",
  "drafts.generate": "F",
  "invoice.view": "FMSA",
  "invoice.viewInternalNotes": "FMA",
  "invoice.edit": "F",
  "invoice.submit": "F",
  "invoice.approve": "M",
  "invoice.reject": "M",
  "invoice.release": "F",
  "invoice.correct": "F",
  "delivery.retry": "F",
  "customer.view": "FMSA",
  "customer.viewUnmasked": "FMA",
  "accessGrant.request": "S",
  "accessGrant.decide": "M",
  "admin.users": "A",
  "admin.customers": "A",
  "admin.assignments": "A",
  "admin.contracts": "A",
  "admin.fxRates": "A",
  "admin.settings": "A",
  "admin.jobs": "A",
};

const LETTER: Record<Role, string> = { FINANCE: "F", MANAGER: "M", SUPPORT: "S", ADMIN: "A" };
const someoneElses = (): Disqualified =>
  new Map<string, Disqualification[]>([
    ["other", ["own-submission"]],
    ["another", ["own-edit"]],
  ]);
const someoneElsesInvoice = { kind: "invoice", invoice: { disqualified: someoneElses() } } as const;
const othersRequest = { kind: "accessGrant", grant: { requesterId: "other" } } as const;

describe("policy: role x action", () => {
  for (const [action, allowed] of Object.entries(TABLE) as Array<[Action, string]>) {
    for (const role of ROLES) {
      const expected = allowed.includes(LETTER[role]);
      it(`${role} ${expected ? "may" : "may not"} ${action}`, () => {
        const resource = action.startsWith("invoice.")
          ? someoneElsesInvoice
          : action === "accessGrant.decide"
            ? othersRequest
            : undefined;
        expect(can({ id: "me", roles: [role] }, action, resource)).toBe(expected);
      });
    }
  }

  it("a person with no role may do nothing", () => {
    for (const action of Object.keys(TABLE) as Action[])
      expect(can({ id: "me", roles: [] }, action, someoneElsesInvoice)).toBe(false);
  });
});

describe("policy: separation rules apply to the person, over the invoice's whole history", () => {
  // What "me" did to the invoice (in any round), next to what others did.
  const history = (mine: Disqualification[]): Disqualified =>
    new Map<string, Disqualification[]>([
      ["other", ["own-submission", "own-edit"]],
      ...(mine.length ? [["me", mine] as [string, Disqualification[]]] : []),
    ]);
  const cases: Array<[string, Role[], Disqualification[], boolean, string | null]> = [
    ["manager, someone else's invoice", ["MANAGER"], [], true, null],
    ["manager who submitted it (in some round)", ["MANAGER"], ["own-submission"], false, "own-submission"],
    ["manager who edited it", ["MANAGER"], ["own-edit"], false, "own-edit"],
    ["manager who requested the correction", ["MANAGER"], ["own-correction"], false, "own-correction"],
    ["finance + manager who submitted it", ["FINANCE", "MANAGER"], ["own-submission"], false, "own-submission"],
    ["finance + manager who edited it", ["FINANCE", "MANAGER"], ["own-edit"], false, "own-edit"],
    [
      "finance + manager who edited, then submitted it: the submission is named",
      ["FINANCE", "MANAGER"],
      ["own-edit", "own-submission"],
      false,
      "own-submission",
    ],
    [
      "finance + manager who requested and edited the correction",
      ["FINANCE", "MANAGER"],
      ["own-edit", "own-correction"],
      false,
      "own-correction",
    ],
    ["finance + manager, untouched", ["FINANCE", "MANAGER"], [], true, null],
    ["admin is not an approver", ["ADMIN"], [], false, "role"],
    ["admin who submitted it: still the role", ["ADMIN"], ["own-submission"], false, "role"],
  ];
  for (const action of ["invoice.approve", "invoice.reject"] as const) {
    for (const [name, roles, mine, allowed, rule] of cases) {
      it(`${action}: ${name}`, () => {
        const decision = decide({ id: "me", roles }, action, {
          kind: "invoice",
          invoice: { disqualified: history(mine) },
        });
        expect(decision.allowed).toBe(allowed);
        if (!decision.allowed) expect(decision.rule).toBe(rule);
      });
    }
  }

  it("every refusal says why in English, and the rule has Japanese text", () => {
    for (const rule of ["own-submission", "own-edit", "own-correction"] as const) {
      const decision = decide({ id: "me", roles: ["MANAGER"] }, "invoice.approve", {
        kind: "invoice",
        invoice: { disqualified: new Map([["me", [rule]]]) },
      });
      expect(decision).toMatchObject({ allowed: false, rule, message: expect.stringMatching(/^you .+ someone else/) });
      if (!decision.allowed)
        expect(localizeRefusal({ message: decision.message, details: { rule } }, "ja")).toMatch(/[ぁ-んァ-ン一-龯]/);
    }
  });

  it("approval without the invoice is refused", () => {
    expect(decide({ id: "me", roles: ["MANAGER"] }, "invoice.approve")).toMatchObject({
      allowed: false,
      rule: "resource",
    });
  });

  it("support sees unmasked data only with an active grant", () => {
    expect(
      can({ id: "me", roles: ["SUPPORT"] }, "customer.viewUnmasked", { kind: "customer", hasActiveGrant: false }),
    ).toBe(false);
    expect(
      can({ id: "me", roles: ["SUPPORT"] }, "customer.viewUnmasked", { kind: "customer", hasActiveGrant: true }),
    ).toBe(true);
  });

  it("a manager cannot approve their own access request", () => {
    expect(
      decide({ id: "me", roles: ["MANAGER", "SUPPORT"] }, "accessGrant.decide", {
        kind: "accessGrant",
        grant: { requesterId: "me" },
      }),
    ).toMatchObject({
      allowed: false,
      rule: "own-request",
    });
  });
});

describe("assertAllowed", () => {
  it("returns when allowed, and throws the decision as a FORBIDDEN refusal otherwise", () => {
    expect(assertAllowed({ id: "a", roles: ["ADMIN"] }, "admin.users")).toBeUndefined();
    let thrown: unknown;
    try {
      assertAllowed({ id: "f", roles: ["FINANCE"] }, "admin.users");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Refusal);
    expect(thrown).toMatchObject({
      code: "FORBIDDEN",
      rule: "role",
      message: "admin.users needs the role ADMIN",
      details: { rule: "role", params: { roles: "ADMIN" } },
    });
  });

  it("decides with the resource: a manager's own access request", () => {
    const grant = { kind: "accessGrant" as const, grant: { requesterId: "m" } };
    expect(() => assertAllowed({ id: "m", roles: ["MANAGER"] }, "accessGrant.decide", grant)).toThrow(
      expect.objectContaining({ code: "FORBIDDEN", rule: "own-request", details: { rule: "own-request" } }),
    );
    expect(() => assertAllowed({ id: "x", roles: ["MANAGER"] }, "accessGrant.decide", grant)).not.toThrow();
  });
});

describe("navigation", () => {
  const keys = (roles: Role[]) => navigationFor({ id: "me", roles }).map((i) => i.key);
  it.each([
    [["FINANCE"], ["drafts", "usage", "releases", "lookup"]],
    [["MANAGER"], ["drafts", "approvals", "releases", "lookup", "access", "audit"]],
    [["SUPPORT"], ["lookup", "access"]],
    [["ADMIN"], ["drafts", "releases", "lookup", "audit", "admin"]],
    [[], []],
  ] as Array<[Role[], string[]]>)("%j sees %j", (roles, expected) => {
    expect(keys(roles)).toEqual(expected);
  });
});
