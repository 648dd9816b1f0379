// The fleet check's data, made through the gate's own commands in this process (setting up is
// not what is checked): the people, the release settings, submitted invoices for the race,
// approved ones to release, and a draft for the cross-instance action check.
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { applyReleaseSettings, approvedInvoice, draftInvoice, person } from "../../../tests/support/invoices";

export type Person = Awaited<ReturnType<typeof person>>;

export interface FleetData {
  people: Record<"submitter" | "editor" | "releaser" | "manager" | "approver" | "sessions", Person>;
  raceInvoiceIds: string[];
  approvedInvoiceIds: string[];
  draftInvoiceId: string;
}

async function pool<T>(count: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < count; i = next++) out[i] = await make(i);
    }),
  );
  return out;
}

export async function prepareData({ raceRuns, releases }: { raceRuns: number; releases: number }): Promise<FleetData> {
  await applyReleaseSettings();
  const people = {
    submitter: await person("FINANCE"),
    editor: await person("FINANCE"),
    releaser: await person("FINANCE"),
    manager: await person("MANAGER"),
    approver: await person("MANAGER"),
    sessions: await person("FINANCE"),
  };
  // Due after today, so that release (which refuses a due date before the issue date) may go ahead.
  const due = "2032-01-28";
  const raceInvoiceIds = await pool(raceRuns, 8, async () => {
    const invoice = await draftInvoice(100_000n, "2032-01", due);
    await submitInvoice({ actor: people.submitter, invoiceId: invoice.id, expectedVersion: 1 });
    return invoice.id;
  });
  const approvedInvoiceIds = await pool(releases, 8, async (i) => {
    const { invoice } = await approvedInvoice(
      BigInt(10_000 + i),
      { finance: people.submitter, manager: people.approver },
      due,
    );
    return invoice.id;
  });
  const draftInvoiceId = (await draftInvoice(100_000n, "2032-01", due)).id;
  return { people, raceInvoiceIds, approvedInvoiceIds, draftInvoiceId };
}
