// The month's drafts list against the real database: the page of rows, how many match in all
// (also on a page past the end), sorting and the name filter.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listDrafts } from "@/lib/invoices/list-drafts";
import { draftInvoice } from "../support/invoices";

const month = "2043-07";
const drafts: Array<Awaited<ReturnType<typeof draftInvoice>>> = [];

beforeAll(async () => {
  for (const amount of [100_000n, 300_000n, 200_000n]) drafts.push(await draftInvoice(amount, month));
});

describe("drafts list", () => {
  it("pages the month's drafts by customer code and counts them all on every page", async () => {
    const first = await listDrafts({ month, pageSize: 2 });
    const second = await listDrafts({ month, pageSize: 2, page: 2 });
    const past = await listDrafts({ month, pageSize: 2, page: 5 });
    expect([first.total, second.total, past.total]).toEqual([3, 3, 3]);
    expect(first.rows).toHaveLength(2);
    expect(second.rows).toHaveLength(1);
    expect(past.rows).toEqual([]);
    const codes = [...first.rows, ...second.rows].map((r) => r.customerCode);
    expect(codes).toEqual([...codes].sort());
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id))).toEqual(new Set(drafts.map((d) => d.id)));
  });

  it("sorts by total and filters by a customer's code, counting only what matches", async () => {
    const byTotal = await listDrafts({ month, sort: "total", dir: "desc" });
    expect(byTotal.rows.map((r) => r.totalJpy)).toEqual(["330000", "220000", "110000"]);
    const { code } = await db.customer.findUniqueOrThrow({ where: { id: drafts[2]!.customerId } });
    const one = await listDrafts({ month, q: code.toLowerCase() });
    expect(one.total).toBe(1);
    expect(one.rows.map((r) => r.id)).toEqual([drafts[2]!.id]);
  });

  it("a draft written without flags lists none, and a null is refused by the database", async () => {
    const page = await listDrafts({ month });
    expect(page.rows.map((r) => r.flags)).toEqual([[], [], []]);
    await expect(db.$executeRaw`UPDATE "Invoice" SET flags = NULL WHERE id = ${drafts[0]!.id}::uuid`).rejects.toThrow(
      /null value in column "flags"/,
    );
  });
});
