import { describe, expect, it } from "vitest";
import { buyerElectronicAddress } from "@/lib/einvoice/build-jp-pint";
import { participantOf } from "@/lib/einvoice/participant";
import { db } from "@/lib/db";
import { seedBaseData } from "@/prisma/seed/demo-data";

describe("demo data and e-invoices", () => {
  it("every demo customer has a buyer electronic address, so each released invoice gets its XML", async () => {
    await seedBaseData(db);
    const customers = await db.customer.findMany({
      where: { code: { startsWith: "C0" } },
      select: { code: true, registrationNumber: true, peppolScheme: true, peppolId: true },
    });
    expect(customers.length).toBeGreaterThanOrEqual(200);
    // Some customers are not qualified-invoice issuers: they are reached by their corporate number.
    expect(customers.some((c) => c.registrationNumber === null)).toBe(true);
    const unreachable = customers
      .filter((c) => buyerElectronicAddress(participantOf(c.peppolScheme, c.peppolId), c.registrationNumber) === null)
      .map((c) => c.code);
    expect(unreachable).toEqual([]);
  });
});
