import { describe, expect, it } from "vitest";
import { whatChangedHref } from "./what-changed";

const id = "8b9f0c1e-0000-4000-8000-000000000001";
const at = (minute: number) => new Date(Date.UTC(2026, 9, 1, 9, minute));

describe("the queue's What changed link", () => {
  it("compares a first submission with the computed draft, even after finance edited it", () => {
    expect(whatChangedHref(id, 1, [])).toBe(`/invoices/${id}/history`);
    expect(whatChangedHref(id, 3, [])).toBe(`/invoices/${id}/history`);
  });

  it("compares a resubmission with the version last decided on, approved or rejected", () => {
    expect(whatChangedHref(id, 4, [{ version: 2, at: at(1) }])).toBe(`/invoices/${id}/history?a=2&b=4`);
    expect(
      whatChangedHref(id, 5, [
        { version: 2, at: at(1) },
        { version: 4, at: at(9) },
        { version: 3, at: at(5) },
      ]),
    ).toBe(`/invoices/${id}/history?a=4&b=5`);
  });

  it("falls back to the computed draft when the last decision was on this very version", () => {
    // A second approver looking at an invoice the first one approved as it is.
    expect(whatChangedHref(id, 2, [{ version: 2, at: at(3) }])).toBe(`/invoices/${id}/history`);
  });
});
