// The ready-to-release list pages by keyset: walking Next from the first page, and Previous from
// the last, visits every approved invoice of the month exactly once in the list's order, with
// ties on (month, customer code, billing group name) broken by the id.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { encodeCursor } from "@/lib/http/keyset-cursor";
import { listReadyToRelease } from "@/lib/release/list-ready-to-release";
import { draftInvoice } from "../support/invoices";

const month = "2047-03";
let expected: string[] = [];

beforeAll(async () => {
  const made = [];
  for (let n = 0; n < 7; n++) made.push(await draftInvoice(BigInt(100_000 + n), month));
  // Three invoices of one customer in billing groups of the same name: a tie on every sort column but the id.
  const owner = made[0]!;
  for (const other of made.slice(1, 3)) {
    const group = await db.billingGroup.create({
      data: { customerId: owner.customerId, name: "Default", recipientName: "同名グループ" },
    });
    await db.invoice.update({
      where: { id: other.id },
      data: { customerId: owner.customerId, billingGroupId: group.id },
    });
  }
  await db.invoice.updateMany({ where: { id: { in: made.map((d) => d.id) } }, data: { status: "APPROVED" } });
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT i.id::text FROM "Invoice" i JOIN "Customer" c ON c.id = i."customerId"
    JOIN "BillingGroup" g ON g.id = i."billingGroupId"
    WHERE i.status = 'APPROVED' AND i.month = ${month} ORDER BY i.month, c.code, g.name, i.id`;
  expected = rows.map((r) => r.id);
});

describe("ready-to-release keyset paging", () => {
  it("walks Next from the first page and Previous from the last through the same pages", async () => {
    const forward: string[][] = [];
    let page = await listReadyToRelease({ month, pageSize: 2 });
    expect(page.previous).toBeNull();
    forward.push(page.rows.map((r) => r.id));
    while (page.next) {
      page = await listReadyToRelease({ month, pageSize: 2, after: page.next });
      expect(page.total).toBe(expected.length);
      forward.push(page.rows.map((r) => r.id));
    }
    expect(forward.flat()).toEqual(expected);
    expect(forward.map((p) => p.length)).toEqual([2, 2, 2, 1]);

    const backward: string[][] = [forward.at(-1)!];
    let back = page;
    while (back.previous) {
      back = await listReadyToRelease({ month, pageSize: 2, before: back.previous });
      backward.unshift(back.rows.map((r) => r.id));
    }
    // From the last page back, pages end where the next one starts: the same ids, the same order.
    expect(backward.flat()).toEqual(expected);
    expect(backward[0]).toEqual(forward[0]);
  });

  it("reads a malformed or forged cursor as the first page", async () => {
    const first = await listReadyToRelease({ month, pageSize: 2 });
    for (const cursor of ["garbage!", encodeCursor(["x"]), encodeCursor([month, "C", "G", "not-a-uuid"])])
      expect((await listReadyToRelease({ month, pageSize: 2, after: cursor })).rows).toEqual(first.rows);
  });
});
