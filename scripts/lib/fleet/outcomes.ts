// What the fleet left behind, counted from storage rather than from anyone's answers: each
// released invoice at the CRM and the document service (their own records, by invoice number),
// and the invoice numbers in the database (unique, and no gap from 1 to the counter).
import { db } from "@/lib/db";
import { serviceAdmin } from "../../../services/lib/admin-client";
import { TOKENS } from "./fleet";

export interface DeliveryCount {
  released: number;
  /** At both services exactly once. */
  delivered: number;
  /** At one service (or both) more than once. */
  duplicates: number;
  /** Missing at one service (or both). */
  lost: number;
  failedDeliveries: number;
  drainedInSeconds: number;
}

/** The numbers of every invoice that has one (released, or voided after its release). */
async function releasedNumbers(): Promise<string[]> {
  const rows = await db.invoice.findMany({ where: { number: { not: null } }, select: { number: true } });
  return rows.flatMap((r) => (r.number === null ? [] : [r.number]));
}

/** Waits until no delivery of a released invoice is pending (or `timeoutMs` passes). */
export async function waitForDeliveries(timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const pending = await db.delivery.count({ where: { status: "PENDING" } });
    if (pending === 0 || Date.now() - started > timeoutMs) return (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function countDeliveries(
  services: { crm: string; documents: string },
  drainedInSeconds: number,
): Promise<DeliveryCount> {
  const crm = await serviceAdmin(services.crm, TOKENS.crm).stats();
  const documents = await serviceAdmin(services.documents, TOKENS.documents).stats();
  const released = await releasedNumbers();
  const count = { released: released.length, delivered: 0, duplicates: 0, lost: 0 };
  for (const number of released) {
    const atCrm = crm.recordsByInvoiceNumber?.[number] ?? 0;
    const atDocuments = documents.documentsByInvoiceNumber?.[number] ?? 0;
    if (atCrm > 1 || atDocuments > 1) count.duplicates++;
    else if (atCrm === 0 || atDocuments === 0) count.lost++;
    else count.delivered++;
  }
  const failedDeliveries = await db.delivery.count({ where: { status: "FAILED" } });
  return { ...count, failedDeliveries, drainedInSeconds };
}

export interface NumberCheck {
  numbers: number;
  duplicates: number;
  /** Sequence values from 1 to the counter that no invoice carries. */
  gaps: number;
  counter: number;
}

export async function checkInvoiceNumbers(): Promise<NumberCheck> {
  const rows = await releasedNumbers();
  const counters = await db.invoiceNumberSequence.findMany();
  let duplicates = 0;
  let gaps = 0;
  let counter = 0;
  for (const sequence of counters) {
    const prefix = `${sequence.prefix}-${sequence.fiscalYear}-`;
    const taken = rows.filter((n) => n.startsWith(prefix)).map((n) => Number(n.slice(prefix.length)));
    const distinct = new Set(taken);
    duplicates += taken.length - distinct.size;
    for (let n = 1; n <= sequence.lastNumber; n++) if (!distinct.has(n)) gaps++;
    // A number beyond the counter would be one the counter will hand out again.
    for (const n of distinct) if (n > sequence.lastNumber) duplicates++;
    counter += sequence.lastNumber;
  }
  return { numbers: rows.length, duplicates, gaps, counter };
}
