// The released document's e-invoice (JP PINT UBL XML): the stored bytes that were delivered,
// generated, validated and stored on first need like the PDF. A document that fails validation
// is refused with its rule ids instead of being handed out invalid, and the refusal is audited.
import { NextResponse } from "next/server";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";
import { authorize, getActor } from "@/lib/dal/actor";
import { db } from "@/lib/db";
import { ensureEInvoice, ruleList } from "@/lib/einvoice/ensure-einvoice";
import { isAppError } from "@/lib/errors";
import { localizeRefusal } from "@/lib/i18n/refusals";
import { getLocale } from "@/lib/i18n/server";
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
  const locale = await getLocale();
  const invoice = UUID.test(id) ? await loadReleasedInvoice(db, id) : null;
  if (!invoice) {
    const message = "No released invoice with this id: only released invoices have an e-invoice.";
    const error = localizeRefusal({ message, details: { rule: "einvoice-not-released" } }, locale);
    return NextResponse.json({ error, code: "einvoice-not-released" }, { status: 404 });
  }
  const einvoice = await ensureEInvoice(invoice);
  if (!einvoice.ok) {
    const message = `The e-invoice of ${invoice.number} fails JP PINT rules ${ruleList(einvoice.problems)}.`;
    await recordAuditEventNow({
      actor,
      action: "einvoice.download",
      target: { type: "invoice", id },
      outcome: "REFUSED",
      reason: message,
      after: { rules: einvoice.problems.map((p) => p.rule) },
    });
    return NextResponse.json(
      {
        error: localizeRefusal({ message, details: { rule: "einvoice-invalid" } }, locale),
        code: "einvoice-invalid",
        problems: einvoice.problems,
      },
      { status: 422 },
    );
  }
  return new NextResponse(Buffer.from(einvoice.xml), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${einvoice.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-SHA256": einvoice.sha256,
    },
  });
}
