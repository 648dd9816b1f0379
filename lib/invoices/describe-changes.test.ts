import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/define";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import { conflictMessage, describeChanges, diffSnapshots } from "./describe-changes";
import type { InvoiceLineSnapshot, InvoiceSnapshot } from "./snapshot";

const en = translator(invoiceEditMessages, "en");
const ja = translator(invoiceEditMessages, "ja");

const line = (position: number, over: Partial<InvoiceLineSnapshot> = {}): InvoiceLineSnapshot => ({
  position,
  kind: "USAGE",
  manual: false,
  edited: false,
  projectId: "p",
  serviceId: "s",
  serviceDescription: "Compute",
  description: `line ${position}`,
  quantity: "1",
  unit: null,
  unitPriceJpy: null,
  amountJpy: "1000",
  taxRate: "STANDARD_10",
  reason: null,
  sourceCost: null,
  sourceCurrency: null,
  fxRate: null,
  ...over,
});
const snap = (lines: InvoiceLineSnapshot[], over: Partial<InvoiceSnapshot> = {}): InvoiceSnapshot => ({
  kind: "INVOICE",
  month: "2026-10",
  customerId: "c",
  billingGroupId: "g",
  correctsInvoiceId: null,
  recipientName: "r",
  recipientDept: null,
  recipientAddress: null,
  dueDate: "2026-11-30",
  notesPrinted: null,
  notesInternal: null,
  currency: "JPY",
  fxRates: [],
  taxRounding: "FLOOR",
  subtotalJpy: "0",
  taxJpy: "0",
  totalJpy: "0",
  taxBreakdown: [],
  lines,
  ...over,
});

describe("who changed what", () => {
  it("names changed line fields, header fields, added and removed lines; numbers compare by value", () => {
    const before = snap([line(1), line(2, { quantity: "1.50" }), line(3), line(4, { manual: true })]);
    const after = snap(
      [
        line(1),
        line(2, { quantity: "1.5" }),
        line(3, { amountJpy: "1200", description: "x" }),
        line(5, { manual: true }),
      ],
      { dueDate: "2026-12-15", notesPrinted: "n" },
    );
    expect(diffSnapshots(before, after)).toEqual([
      { kind: "line", line: 3, fields: ["description", "amount"] },
      { kind: "header", field: "dueDate" },
      { kind: "header", field: "notesPrinted" },
      { kind: "added", line: 5 },
      { kind: "removed", line: 4 },
    ]);
    expect(diffSnapshots({}, after)).toEqual([{ kind: "other" }]);
  });

  it("reads as one sentence per person, in English and Japanese", () => {
    const changes = [
      {
        version: 4,
        by: "経理 次郎",
        cause: "edited",
        parts: [{ kind: "line" as const, line: 3, fields: ["amount" as const] }],
      },
      { version: 5, by: "経理 次郎", cause: "edited", parts: [{ kind: "header" as const, field: "dueDate" as const }] },
    ];
    expect(conflictMessage(changes, 3, 5, en)).toBe(
      "Not saved: since version 3, 経理 次郎 changed the amount of line 3 and the due date (now version 5). Your " +
        "input is kept in the form.",
    );
    expect(describeChanges(changes, ja)).toBe("経理 次郎: 3行目の金額、支払期日を変更");
    const two = [
      {
        version: 2,
        by: "経理 花子",
        cause: "edited",
        parts: [
          { kind: "line" as const, line: 1, fields: ["quantity" as const, "amount" as const] },
          { kind: "added" as const, line: 6 },
        ],
      },
      { version: 3, by: null, cause: "regenerated", parts: [{ kind: "other" as const }] },
    ];
    expect(describeChanges(two, en)).toBe(
      "経理 花子 changed the quantity and amount of line 1, added line 6; draft regeneration changed the invoice",
    );
    expect(describeChanges(two, ja)).toBe(
      "経理 花子: 1行目の数量・金額を変更、6行目を追加。下書きの再生成: 請求書を変更",
    );
  });
});
