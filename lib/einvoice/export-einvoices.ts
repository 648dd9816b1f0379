// `npm run einvoice:export`: the stored e-invoice of every released document of a billing month
// (invoices, credit notes and voids, voided originals included), written as <number>.xml. A
// document whose XML was not stored yet is generated, validated and stored first, like the
// download; one that fails validation is listed with its rules instead of being written.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { loadReleasedInvoice } from "@/lib/release/pdf-model";
import { ensureEInvoice } from "./ensure-einvoice";

export type ExportSummary = {
  written: Array<{ number: string; file: string; sha256: string }>;
  blocked: Array<{ number: string; rules: string[] }>;
};

export async function exportEInvoices({ month, outDir }: { month: string; outDir: string }): Promise<ExportSummary> {
  const released = await db.invoice.findMany({
    where: { month, number: { not: null } },
    orderBy: { number: "asc" },
    select: { id: true },
  });
  await mkdir(outDir, { recursive: true });
  const summary: ExportSummary = { written: [], blocked: [] };
  for (const { id } of released) {
    const invoice = await loadReleasedInvoice(db, id);
    if (!invoice?.number) continue;
    const einvoice = await ensureEInvoice(invoice);
    if (!einvoice.ok) {
      summary.blocked.push({ number: invoice.number, rules: [...new Set(einvoice.problems.map((p) => p.rule))] });
      continue;
    }
    const file = path.join(outDir, einvoice.fileName);
    await writeFile(file, einvoice.xml);
    summary.written.push({ number: invoice.number, file, sha256: einvoice.sha256 });
  }
  return summary;
}
