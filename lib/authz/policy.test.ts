// The policy as a table: every role against every action, plus the person-level rules.
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { navigationFor } from "./navigation";
import { can, decide, type Action } from "./policy";

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
};

const LETTER: Record<Role, string> = { FINANCE: "F", MANAGER: "M", SUPPORT: "S", ADMIN: "A" };
const someoneElsesInvoice = { kind: "invoice", invoice: { submittedById: "other", editorIds: ["another"] } } as const;
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

describe("policy: separation rules apply to the person", () => {
  const cases: Array<[string, Role[], { submittedById: string | null; editorIds: string[] }, boolean, string | null]> =
    [
      ["manager, someone else's invoice", ["MANAGER"], { submittedById: "other", editorIds: [] }, true, null],
      ["manager who submitted it", ["MANAGER"], { submittedById: "me", editorIds: [] }, false, "own-submission"],
      ["manager who edited it", ["MANAGER"], { submittedById: "other", editorIds: ["x", "me"] }, false, "own-edit"],
      [
        "finance + manager who submitted it",
        ["FINANCE", "MANAGER"],
        { submittedById: "me", editorIds: [] },
        false,
        "own-submission",
      ],
      [
        "finance + manager who edited it",
        ["FINANCE", "MANAGER"],
        { submittedById: "other", editorIds: ["me"] },
        false,
        "own-edit",
      ],
      [
        "finance + manager, untouched",
        ["FINANCE", "MANAGER"],
        { submittedById: "other", editorIds: ["x"] },
        true,
        null,
      ],
      ["admin is not an approver", ["ADMIN"], { submittedById: "other", editorIds: [] }, false, "role"],
    ];
  for (const action of ["invoice.approve", "invoice.reject"] as const) {
    for (const [name, roles, invoice, allowed, rule] of cases) {
      it(`${action}: ${name}`, () => {
        const decision = decide({ id: "me", roles }, action, { kind: "invoice", invoice });
        expect(decision.allowed).toBe(allowed);
        if (!decision.allowed) expect(decision.rule).toBe(rule);
      });
    }
  }

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
