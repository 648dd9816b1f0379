import { describe, expect, it } from "vitest";
import { diffInvoiceSnapshots, isInvoiceSnapshot, lineIdentity, yenDelta } from "./invoice-diff";
import type { InvoiceLineSnapshot, InvoiceSnapshot } from "./snapshot";

const usage = (
  position: number,
  projectId: string,
  serviceId: string,
  amountJpy: string,
  over: Partial<InvoiceLineSnapshot> = {},
): InvoiceLineSnapshot => ({
  position,
  kind: "USAGE",
  manual: false,
  edited: false,
  projectId,
  serviceId,
  serviceDescription: serviceId,
  description: `${projectId} ${serviceId}`,
  quantity: "1",
  unit: null,
  unitPriceJpy: null,
  amountJpy,
  taxRate: "STANDARD_10",
  reason: null,
  sourceCost: "100.5",
  sourceCurrency: "USD",
  fxRate: "150",
  ...over,
});
const manual = (
  position: number,
  description: string,
  amountJpy: string,
  over: Partial<InvoiceLineSnapshot> = {},
): InvoiceLineSnapshot => ({
  position,
  kind: "MANUAL",
  manual: true,
  edited: false,
  projectId: null,
  serviceId: null,
  serviceDescription: null,
  description,
  quantity: "1",
  unit: "式",
  unitPriceJpy: amountJpy,
  amountJpy,
  taxRate: "STANDARD_10",
  reason: "agreed with the customer",
  sourceCost: null,
  sourceCurrency: null,
  fxRate: null,
  ...over,
});

function snapshot(lines: InvoiceLineSnapshot[], over: Partial<InvoiceSnapshot> = {}): InvoiceSnapshot {
  const subtotal = lines.reduce((s, l) => s + BigInt(l.amountJpy), 0n);
  const tax = subtotal / 10n;
  return {
    kind: "INVOICE",
    month: "2026-09",
    customerId: "c1",
    billingGroupId: "g1",
    correctsInvoiceId: null,
    recipientName: "株式会社例",
    recipientDept: null,
    recipientAddress: null,
    dueDate: "2026-10-31",
    notesPrinted: null,
    notesInternal: null,
    currency: "JPY",
    fxRates: [{ currency: "USD", rate: "150", month: "2026-09" }],
    taxRounding: "FLOOR",
    subtotalJpy: subtotal.toString(),
    taxJpy: tax.toString(),
    totalJpy: (subtotal + tax).toString(),
    taxBreakdown: [{ taxRate: "STANDARD_10", baseJpy: subtotal.toString(), taxJpy: tax.toString() }],
    lines,
    ...over,
  };
}

const base = [
  usage(1, "p1", "compute", "15000"),
  usage(2, "p1", "storage", "3000"),
  usage(3, "p2", "compute", "8000"),
  manual(4, "運用支援", "50000"),
];

describe("diffInvoiceSnapshots", () => {
  it("finds nothing between a snapshot and itself", () => {
    const diff = diffInvoiceSnapshots(snapshot(base), snapshot(structuredClone(base)));
    expect(diff.identical).toBe(true);
    expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 4, headerChanges: 0 });
    expect(diff.totals.map((t) => t.deltaJpy)).toEqual(["0", "0", "0"]);
  });

  it("reports a changed amount with its yen delta, and the totals and tax per rate", () => {
    const after = base.map((l) =>
      l.position === 2 ? { ...l, amountJpy: "4500", edited: true, reason: "price fix" } : l,
    );
    const diff = diffInvoiceSnapshots(snapshot(base), snapshot(after));
    expect(diff.summary).toMatchObject({ changed: 1, added: 0, removed: 0, unchanged: 3 });
    const changed = diff.lines.find((l) => l.status === "changed")!;
    expect(changed.deltaJpy).toBe("1500");
    expect(changed.changes.map((c) => c.field)).toEqual(["amountJpy", "reason", "edited"]);
    expect(changed.changes[0]).toEqual({ field: "amountJpy", before: "3000", after: "4500" });
    expect(diff.totals).toEqual([
      { field: "subtotalJpy", before: "76000", after: "77500", deltaJpy: "1500" },
      { field: "taxJpy", before: "7600", after: "7750", deltaJpy: "150" },
      { field: "totalJpy", before: "83600", after: "85250", deltaJpy: "1650" },
    ]);
    expect(diff.taxBreakdown).toEqual([
      {
        taxRate: "STANDARD_10",
        base: { field: "baseJpy", before: "76000", after: "77500", deltaJpy: "1500" },
        tax: { field: "taxJpy", before: "7600", after: "7750", deltaJpy: "150" },
      },
    ]);
    expect(diff.identical).toBe(false);
  });

  it("keeps yen exact beyond Number.MAX_SAFE_INTEGER", () => {
    const huge = [manual(1, "big", "9007199254740993")];
    const diff = diffInvoiceSnapshots(snapshot(huge), snapshot([manual(1, "big", "9007199254740995")]));
    expect(diff.lines[0]!.deltaJpy).toBe("2");
    expect(yenDelta("-5", "3")).toBe("8");
    expect(yenDelta(null, "-120")).toBe("-120");
  });

  it("reports added and removed lines with their amounts as deltas, in place", () => {
    const after = [base[0]!, base[2]!, manual(3, "値引き", "-2000", { kind: "DISCOUNT" }), base[3]!];
    const diff = diffInvoiceSnapshots(snapshot(base), snapshot(after));
    expect(diff.summary).toMatchObject({ added: 1, removed: 1, changed: 0 });
    expect(diff.lines.find((l) => l.status === "removed")).toMatchObject({
      before: { serviceId: "storage" },
      deltaJpy: "-3000",
    });
    expect(diff.lines.find((l) => l.status === "added")).toMatchObject({
      after: { description: "値引き" },
      deltaJpy: "-2000",
    });
    expect(diff.lines.map((l) => l.status)).toEqual(["unchanged", "removed", "unchanged", "added", "unchanged"]);
  });

  it("pairs a usage line by project and service even when finance re-described it", () => {
    const after = base.map((l) =>
      l.position === 1 ? { ...l, description: "Compute Engine (本番)", edited: true } : l,
    );
    const diff = diffInvoiceSnapshots(snapshot(base), snapshot(after));
    expect(diff.summary).toMatchObject({ changed: 1, added: 0, removed: 0 });
    expect(diff.lines[0]!.changes).toEqual([
      { field: "description", before: "p1 compute", after: "Compute Engine (本番)" },
      { field: "edited", before: "false", after: "true" },
    ]);
    expect(diff.lines[0]!.deltaJpy).toBe("0");
  });

  it("pairs a manual line whose description changed by its position and kind", () => {
    const after = base.map((l) => (l.position === 4 ? { ...l, description: "運用支援(9月分)" } : l));
    const diff = diffInvoiceSnapshots(snapshot(base), snapshot(after));
    expect(diff.summary).toMatchObject({ changed: 1, added: 0, removed: 0 });
  });

  it("pairs a line that moved, and does not count the move as a change", () => {
    const after = [
      manual(1, "運用支援", "50000"),
      usage(2, "p1", "compute", "15000"),
      usage(3, "p1", "storage", "3000"),
      usage(4, "p2", "compute", "8000"),
    ];
    const diff = diffInvoiceSnapshots(snapshot(base), snapshot(after));
    expect(diff.summary).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: 4 });
    expect(diff.identical).toBe(true);
  });

  it("pairs duplicate lines one to one, in order", () => {
    const before = [manual(1, "作業", "1000"), manual(2, "作業", "1000")];
    const after = [manual(1, "作業", "1000"), manual(2, "作業", "1200"), manual(3, "作業", "1000")];
    const diff = diffInvoiceSnapshots(snapshot(before), snapshot(after));
    expect(diff.lines.map((l) => [l.status, l.deltaJpy])).toEqual([
      ["unchanged", "0"],
      ["changed", "200"],
      ["added", "1000"],
    ]);
  });

  it("never pairs usage lines of different projects or services by position", () => {
    const diff = diffInvoiceSnapshots(
      snapshot([usage(1, "p1", "bigquery", "1000")]),
      snapshot([usage(1, "p1", "run", "1000")]),
    );
    expect(diff.summary).toMatchObject({ added: 1, removed: 1, changed: 0 });
  });

  it("does not pair lines of different kinds at the same position", () => {
    const diff = diffInvoiceSnapshots(
      snapshot([manual(1, "作業", "1000")]),
      snapshot([manual(1, "作業", "1000", { kind: "CREDIT" })]),
    );
    expect(diff.summary).toMatchObject({ added: 1, removed: 1, changed: 0 });
  });

  it("treats equal decimals written differently as the same", () => {
    const after = base.map((l) =>
      l.position === 1 ? { ...l, quantity: "1.000000000", sourceCost: "100.500", fxRate: "150.00000000" } : l,
    );
    expect(diffInvoiceSnapshots(snapshot(base), snapshot(after)).identical).toBe(true);
  });

  it("lists header changes: due date, notes, recipient, FX rates; against last month the month too", () => {
    const after = snapshot(base, {
      dueDate: "2026-11-15",
      notesPrinted: "いつもありがとうございます",
      recipientDept: "経理部",
      fxRates: [{ month: "2026-09", rate: "151", currency: "USD" }],
    });
    const diff = diffInvoiceSnapshots(snapshot(base), after);
    expect(diff.header.map((h) => h.field)).toEqual(["recipientDept", "dueDate", "notesPrinted", "fxRates"]);
    expect(diff.header[1]).toEqual({ field: "dueDate", before: "2026-10-31", after: "2026-11-15" });
    expect(diff.summary.headerChanges).toBe(4);
    const lastMonth = diffInvoiceSnapshots(snapshot(base, { month: "2026-08" }), snapshot(base));
    expect(lastMonth.header).toEqual([{ field: "month", before: "2026-08", after: "2026-09" }]);
  });

  it("does not report FX rates whose keys are only ordered differently", () => {
    const after = snapshot(base, { fxRates: [{ rate: "150", month: "2026-09", currency: "USD" }] });
    expect(diffInvoiceSnapshots(snapshot(base), after).header).toEqual([]);
  });

  it("shows a tax rate that appears or disappears", () => {
    const after = [...base, manual(5, "軽減税率品", "1000", { taxRate: "REDUCED_8" })];
    const s = snapshot(after, {
      taxBreakdown: [
        { taxRate: "STANDARD_10", baseJpy: "76000", taxJpy: "7600" },
        { taxRate: "REDUCED_8", baseJpy: "1000", taxJpy: "80" },
      ],
    });
    const diff = diffInvoiceSnapshots(snapshot(base), s);
    expect(diff.taxBreakdown[1]).toEqual({
      taxRate: "REDUCED_8",
      base: { field: "baseJpy", before: null, after: "1000", deltaJpy: "1000" },
      tax: { field: "taxJpy", before: null, after: "80", deltaJpy: "80" },
    });
  });

  it("compares an empty invoice with a full one", () => {
    const diff = diffInvoiceSnapshots(snapshot([]), snapshot(base));
    expect(diff.summary).toMatchObject({ added: 4, removed: 0 });
    expect(diff.lines.reduce((s, l) => s + BigInt(l.deltaJpy), 0n)).toBe(76000n);
  });

  it("names a line by project and service when it has them, else by description", () => {
    expect(lineIdentity(usage(1, "p1", "compute", "1"))).toBe("USAGE|p:p1|s:compute");
    expect(lineIdentity(manual(1, "作業", "1"))).toBe("MANUAL|d:作業");
  });

  it("recognises stored snapshots, and not the empty objects of old rows", () => {
    expect(isInvoiceSnapshot(snapshot(base))).toBe(true);
    expect(isInvoiceSnapshot({})).toBe(false);
    expect(isInvoiceSnapshot(null)).toBe(false);
  });
});
