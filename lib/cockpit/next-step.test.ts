import { describe, expect, it } from "vitest";
import type { MonthStateCounts } from "@/lib/invoices/month-state-counts";
import type { MonthBlockers } from "./month-blockers";
import { nextStep } from "./next-step";

const counts = (over: Partial<MonthStateCounts["byState"]> & Partial<Omit<MonthStateCounts, "byState">> = {}) => {
  const { readyToRelease = 0, deliveryFailed = 0, waitingLong = 0, ...byState } = over;
  return {
    byState: { DRAFT: 0, REJECTED: 0, SUBMITTED: 0, APPROVED: 0, RELEASED: 0, VOIDED: 0, ...byState },
    readyToRelease,
    deliveryFailed,
    waitingLong,
  };
};
const clear: MonthBlockers = { unassigned: [], missingFxRates: [] };
const month = "2026-10";

describe("the home page's next step", () => {
  it("walks finance through the month in order: rejected, drafts, release, failed deliveries, done", () => {
    const step = (c: MonthStateCounts) =>
      nextStep({ month, roles: ["FINANCE"], counts: c, blockers: clear, queue: null });
    expect(step(counts({ REJECTED: 2, DRAFT: 9, readyToRelease: 3, deliveryFailed: 1 }))).toEqual({
      key: "fixRejected",
      count: 2,
      href: "/drafts?month=2026-10&status=REJECTED",
    });
    expect(step(counts({ DRAFT: 9, readyToRelease: 3 }))).toMatchObject({ key: "submitDrafts", count: 9 });
    expect(step(counts({ SUBMITTED: 4, readyToRelease: 3, deliveryFailed: 1 }))).toEqual({
      key: "release",
      count: 3,
      href: "/releases?show=ready&month=2026-10",
    });
    expect(step(counts({ RELEASED: 40, deliveryFailed: 1 }))).toEqual({
      key: "retryDeliveries",
      count: 1,
      href: "/releases?show=failed&month=2026-10",
    });
    expect(step(counts({ RELEASED: 40, SUBMITTED: 2 }))).toEqual({ key: "done", href: null });
  });

  it("puts a missing FX rate and unassigned usage first for an admin, who can fix them, not for finance", () => {
    const blockers: MonthBlockers = {
      unassigned: [
        { currency: "JPY", projects: 4, net: "1000" },
        { currency: "USD", projects: 2, net: "3.5" },
      ],
      missingFxRates: [],
    };
    const c = counts({ REJECTED: 1 });
    expect(nextStep({ month, roles: ["ADMIN"], counts: c, blockers, queue: null })).toEqual({
      key: "assignProjects",
      count: 6,
      href: "/admin/assignments",
    });
    expect(nextStep({ month, roles: ["FINANCE"], counts: c, blockers, queue: null })).toMatchObject({
      key: "fixRejected",
    });
    const fx = { ...blockers, missingFxRates: ["USD"] };
    expect(nextStep({ month, roles: ["ADMIN"], counts: c, blockers: fx, queue: null })).toEqual({
      key: "setFxRate",
      currencies: ["USD"],
      href: "/admin/fx-rates",
    });
    expect(nextStep({ month, roles: ["FINANCE"], counts: c, blockers: fx, queue: null })).toMatchObject({
      key: "fixRejected",
    });
  });

  it("sends a manager to their queue first, and otherwise has nothing for them to do", () => {
    const c = counts({ DRAFT: 5 });
    expect(nextStep({ month, roles: ["MANAGER"], counts: c, blockers: clear, queue: 3 })).toEqual({
      key: "decide",
      count: 3,
      href: "/approvals",
    });
    expect(nextStep({ month, roles: ["MANAGER"], counts: c, blockers: clear, queue: 0 })).toEqual({
      key: "done",
      href: null,
    });
    // Someone who is both decides first, then does finance's work.
    expect(nextStep({ month, roles: ["FINANCE", "MANAGER"], counts: c, blockers: clear, queue: 0 })).toMatchObject({
      key: "submitDrafts",
    });
  });
});
