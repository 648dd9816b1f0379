// The released invoice's PDF: the stored bytes that were delivered (rendered once on first
// need). Drafts have no PDF: their content may still change.
import { NextResponse } from "next/server";
import { authorize, getActor } from "@/lib/dal/actor";
import { db } from "@/lib/db";
import { deliveryDeps } from "@/lib/delivery/deps";
import { ensureInvoiceDocument } from "@/lib/delivery/payloads";
import { isAppError } from "@/lib/errors";
import { loadReleasedInvoice } from "@/lib/release/pdf-model";
import { UUID } from "@/lib/uuid";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const { id } = await params;
  try {
    await authorize(actor, "invoice.view", undefined, { type: "invoice", id });
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: error.status });
    throw error;
  }
  const invoice = UUID.test(id) ? await loadReleasedInvoice(db, id) : null;
  if (!invoice)
    return NextResponse.json(
      { error: "No released invoice with this id: only released invoices have a PDF." },
      { status: 404 },
    );
  const document = await ensureInvoiceDocument(invoice, deliveryDeps().renderPdf);
  return new NextResponse(Buffer.from(document.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${invoice.number}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-SHA256": document.sha256,
    },
  });
}
