// The invoice as the customer will see it, as a PDF shown in the browser, whatever its status:
// unreleased invoices carry the number 見本 PREVIEW and today's date; released ones print
// exactly what was delivered. Nothing is stored.
import { NextResponse } from "next/server";
import { authorize, getActor } from "@/lib/dal/actor";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { renderInvoicePdf } from "@/lib/pdf/render-invoice-pdf";
import { loadInvoiceForPreview, previewModelOf } from "@/lib/release/preview-model";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  const { id } = await params;
  try {
    await authorize(actor, "invoice.view", undefined, { type: "invoice", id });
    const source = await loadInvoiceForPreview(db, id);
    const { model, released, issuerComplete } = previewModelOf(source);
    const pdf = await renderInvoicePdf(model);
    const name = released
      ? model.number
      : `preview-${source.invoice.customer.code}-${source.invoice.month}-v${source.invoice.version}`;
    return new NextResponse(Buffer.from(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${name.replace(/[^\w.-]/g, "_")}.pdf"`,
        "Cache-Control": "private, no-store",
        "X-Invoice-Version": String(source.invoice.version),
        "X-Preview": released ? "released" : issuerComplete ? "draft" : "draft; issuer-incomplete",
      },
    });
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
