import { describe, expect, it } from "vitest";
import type { InvoiceStatus } from "@/lib/generated/prisma/enums";
import { transition, type InvoiceEvent } from "./state-machine";

const STATUSES: InvoiceStatus[] = ["DRAFT", "SUBMITTED", "APPROVED", "RELEASED", "VOIDED"];
const EVENTS: InvoiceEvent[] = ["edit", "submit", "approve", "reject", "release", "void-original", "usage-change"];

// Every state x event, written out: the target state, or "-" for refused.
const TABLE: Record<InvoiceStatus, Record<InvoiceEvent, string>> = {
  DRAFT: {
    edit: "DRAFT",
    submit: "SUBMITTED",
    approve: "-",
    reject: "-",
    release: "-",
    "void-original": "-",
    "usage-change": "DRAFT",
  },
  SUBMITTED: {
    edit: "SUBMITTED",
    submit: "-",
    approve: "APPROVED",
    reject: "DRAFT",
    release: "-",
    "void-original": "-",
    "usage-change": "DRAFT",
  },
  APPROVED: {
    edit: "SUBMITTED",
    submit: "-",
    approve: "-",
    reject: "DRAFT",
    release: "RELEASED",
    "void-original": "-",
    "usage-change": "DRAFT",
  },
  RELEASED: {
    edit: "-",
    submit: "-",
    approve: "-",
    reject: "-",
    release: "-",
    "void-original": "VOIDED",
    "usage-change": "-",
  },
  VOIDED: {
    edit: "-",
    submit: "-",
    approve: "-",
    reject: "-",
    release: "-",
    "void-original": "-",
    "usage-change": "-",
  },
};

describe("invoice state machine", () => {
  for (const status of STATUSES)
    for (const event of EVENTS) {
      const expected = TABLE[status][event];
      it(`${status} --${event}--> ${expected}`, () => {
        const t = transition(status, event, { approvalsComplete: true });
        if (expected === "-") expect(t.allowed).toBe(false);
        else expect(t).toEqual({ allowed: true, to: expected });
      });
    }

  it("an approval that does not complete the approvers leaves the invoice submitted", () => {
    expect(transition("SUBMITTED", "approve", { approvalsComplete: false })).toEqual({
      allowed: true,
      to: "SUBMITTED",
    });
  });

  it("refusals say why", () => {
    const t = transition("RELEASED", "edit");
    expect(t.allowed === false && t.reason).toMatch(/credit note or a void/);
  });
});
