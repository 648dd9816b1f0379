import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/dal/actor";
import { recordInvoiceView } from "@/lib/gate/record-invoice-view";
import { GateActions } from "@/components/invoices/gate-actions";
import { InvoiceEditor } from "@/components/invoices/edit-invoice";
import { InvoiceLineGroups } from "@/components/invoices/invoice-line-groups";
import { invoiceEditMessages } from "@/lib/i18n/messages/invoice-edit";
import { ReleasePanel } from "@/components/releases/release-panel";
import { EInvoicePanel } from "@/components/einvoice/einvoice-panel";
import { getEInvoiceView } from "@/lib/einvoice/get-einvoice-view";
import { getInvoiceContractTerms } from "@/lib/pricing/get-invoice-contract-terms";
import { ContractTermsPanel } from "@/components/invoices/contract-terms-panel";
import { releasesMessages } from "@/lib/i18n/messages/releases";
import { isAppError } from "@/lib/errors";
import { getInvoicePage } from "@/lib/invoices/get-invoice-page";
import { localizeRefusal } from "@/lib/i18n/refusals";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import { draftsMessages } from "@/lib/i18n/messages/drafts";
import { invoiceViewMessages } from "@/lib/i18n/messages/invoice-view";
import { getLocale, getT } from "@/lib/i18n/server";
import { japanDate } from "@/lib/release/invoice-number";
import { factGrid, panel } from "@/components/ui/styles";

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("invoice.view");
  const { id } = await params;
  // The contract terms are read beside the page's own read (by the invoice's id).
  const termsRead = getInvoiceContractTerms(id);
  // One read for the whole page (invoice, lines, versions, approvals, deliveries, corrections).
  const {
    view: invoice,
    gate,
    release,
    editable,
  } = await getInvoicePage(id, actor).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  // A manager has now seen this version: bulk approval accepts only invoices opened in it.
  const [einvoice, terms] = await Promise.all([
    getEInvoiceView(invoice.id),
    termsRead,
    recordInvoiceView({ actor, invoiceId: invoice.id, version: gate.version }),
  ]);
  const te = await getT(invoiceEditMessages);
  // The approvals the latest edit voided, from people who have not approved again since.
  const lastVoided = Math.max(0, ...editable.voidedByEdit.map((v) => v.version));
  const voided =
    gate.status === "SUBMITTED" || gate.status === "APPROVED"
      ? editable.voidedByEdit.filter((v) => v.version === lastVoided && !gate.approvers.includes(v.approver))
      : [];
  const tr = await getT(releasesMessages);
  const t = await getT(invoiceViewMessages);
  const td = await getT(draftsMessages);
  const locale = await getLocale();
  const rate = (r: string) => t(`rate_${r as "STANDARD_10"}`);
  // Release refuses a due date before the issue date (today in Japan): say so before it comes to that.
  const today = japanDate(new Date());
  const dueBeforeToday =
    invoice.kind === "INVOICE" &&
    (invoice.status === "DRAFT" || invoice.status === "SUBMITTED" || invoice.status === "APPROVED") &&
    invoice.dueDate !== null &&
    invoice.dueDate < today;

  return (
    <div className="max-w-6xl">
      <div className="text-sm text-slate-500">
        <Link href={`/drafts?month=${invoice.month}`} className="underline">
          {td("title")}
        </Link>{" "}
        / {invoice.customer.code}
      </div>
      <h1 className="mt-1 text-2xl font-semibold">
        {release.kind !== "INVOICE" && (
          <span className="mr-2 rounded bg-purple-100 px-2 py-0.5 align-middle text-base text-purple-900">
            {tr(`kind_${release.kind}`)}
          </span>
        )}
        {invoice.customer.name} — {invoice.billingGroup}
      </h1>
      <nav className="mt-1 flex gap-4 text-sm" aria-label={t("related")}>
        <Link href={`/invoices/${invoice.id}/history`} className="text-blue-800 hover:underline">
          {t("historyLink")}
        </Link>
        <a
          href={`/api/invoices/${invoice.id}/preview`}
          target="_blank"
          rel="noreferrer"
          className="text-blue-800 hover:underline"
        >
          {t("previewLink")}
        </a>
      </nav>
      <dl className={`mt-4 ${factGrid} md:grid-cols-4`}>
        <div>
          <dt className="text-slate-500">{t("month")}</dt>
          <dd className="font-medium">{invoice.month}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("status")}</dt>
          <dd className="font-medium">{td(`status${invoice.status}`)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("version")}</dt>
          <dd className="font-medium">v{invoice.version}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("dueDate")}</dt>
          <dd className="font-medium">{invoice.dueDate ?? "—"}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("number")}</dt>
          <dd className="font-medium">{invoice.number ?? t("notIssued")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("recipient")}</dt>
          <dd className="font-medium">
            {invoice.recipientName}
            {invoice.recipientDept ? ` ${invoice.recipientDept}` : ""}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("issuerReg")}</dt>
          <dd className="font-medium">{invoice.issuer?.registrationNumber ?? t("none")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("customerReg")}</dt>
          <dd className="font-medium">{invoice.customer.registrationNumber ?? t("none")}</dd>
        </div>
      </dl>
      <section
        aria-label={t("gate")}
        className={`mt-4 ${panel} p-4 text-sm`}
        data-testid="gate-panel"
        data-version={gate.version}
      >
        <h2 className="font-semibold">{t("gate")}</h2>
        <ul className="mt-1 space-y-0.5">
          <li>{gate.submittedBy ? t("submittedBy", { who: gate.submittedBy }) : t("notSubmitted")}</li>
          {gate.rejection && (
            <li className="text-red-800">
              {t("rejected", { who: gate.rejection.by ?? "", reason: gate.rejection.reason ?? "" })}
            </li>
          )}
          {(gate.status === "RELEASED" || gate.status === "VOIDED") && gate.approvers.length > 0 && (
            <li data-testid="released-approvers">{t("releasedApprovedBy", { who: gate.approvers.join(", ") })}</li>
          )}
          {(gate.status === "SUBMITTED" || gate.status === "APPROVED") && (
            <>
              <li>
                {t("approvals", { have: gate.approvers.length, required: gate.required })}
                {gate.approvers.length ? ` — ${t("approvedBy", { who: gate.approvers.join(", ") })}` : ""}
              </li>
              <li className={gate.approvers.length >= gate.required ? "text-green-800" : "text-amber-800"}>
                {gate.approvers.length >= gate.required
                  ? t("readyToRelease")
                  : t("missing", { n: gate.required - gate.approvers.length })}
              </li>
            </>
          )}
          {voided.map((v) => (
            <li key={`${v.approver}-${v.version}`} className="text-amber-800" data-testid="voided-approval">
              {te("voidedByEdit", { who: v.approver, version: v.version })}
            </li>
          ))}
          {gate.whyNotDecide && (
            <li className="text-slate-600" data-testid="why-not-decide">
              {t("whyNot", {
                reason: localizeRefusal({ message: gate.whyNotDecide.message, details: gate.whyNotDecide }, locale),
              })}
            </li>
          )}
          {dueBeforeToday && (
            <li className="font-medium text-amber-900" data-testid="due-date-warning">
              {t("dueBeforeToday", { dueDate: invoice.dueDate ?? "", today })}
            </li>
          )}
        </ul>
        <GateActions
          invoiceId={invoice.id}
          version={gate.version}
          canSubmit={gate.canSubmit}
          canDecide={gate.canDecide}
        />
        <p className="mt-2 text-xs text-slate-500">{te("gateNote")}</p>
      </section>
      <ReleasePanel invoiceId={invoice.id} release={release} />
      {einvoice && <EInvoicePanel invoiceId={invoice.id} view={einvoice} />}

      <ContractTermsPanel terms={terms} fxRates={invoice.fxRates} month={invoice.month} />

      <InvoiceEditor invoice={editable}>
        <InvoiceLineGroups
          month={invoice.month}
          groups={invoice.projectGroups}
          markupRate={terms?.markupRate ?? null}
        />
      </InvoiceEditor>

      {invoice.contractFees && (
        <section
          aria-label={t("contractFees")}
          className="mt-6 rounded-lg border border-sky-200 bg-sky-50 p-4 text-sm text-sky-950"
          data-testid="contract-fees-note"
        >
          <h2 className="font-semibold">{t("contractFees")}</h2>
          <p className="mt-1">
            {invoice.contractFees.here
              ? t("contractFeesHere")
              : t("contractFeesElsewhere", { group: invoice.contractFees.groupName })}
          </p>
          {!invoice.contractFees.here && invoice.contractFees.invoiceId && (
            <Link href={`/invoices/${invoice.contractFees.invoiceId}`} className="mt-1 inline-block underline">
              {t("contractFeesInvoice", { group: invoice.contractFees.groupName })}
            </Link>
          )}
        </section>
      )}

      <section
        aria-label={te("notesTitle")}
        className={`mt-6 grid gap-4 ${panel} p-4 text-sm md:grid-cols-2`}
        data-testid="invoice-notes"
      >
        <div>
          <h2 className="font-semibold">{te("notesPrinted")}</h2>
          <p className="mt-1 whitespace-pre-wrap">
            {editable.notesPrinted ?? <span className="text-slate-500">{te("noNotes")}</span>}
          </p>
        </div>
        <div>
          <h2 className="font-semibold">{te("notesInternal")}</h2>
          <p className="mt-1 whitespace-pre-wrap">
            {editable.internalNotesVisible ? (
              (editable.notesInternal ?? <span className="text-slate-500">{te("noNotes")}</span>)
            ) : (
              <span className="text-slate-500">{te("notesInternalHidden")}</span>
            )}
          </p>
        </div>
      </section>

      <div className="mt-6 grid gap-6 md:grid-cols-2">
        <section className={`${panel} p-4 text-sm`}>
          <h2 className="font-semibold">{t("history")}</h2>
          <ol className="mt-1 space-y-1">
            {invoice.versions.map((v) => (
              <li key={v.version}>
                v{v.version}: {t(`cause_${v.cause as "generated"}`)} · {formatDateTime(v.createdAt, locale)} ·{" "}
                {t("by", { who: v.by })}
              </li>
            ))}
          </ol>
        </section>
        <section className={`${panel} p-4 text-sm`} aria-label={t("total")}>
          <dl className="space-y-1">
            <div className="flex justify-between">
              <dt>{t("subtotal")}</dt>
              <dd className="num">{formatYen(invoice.subtotalJpy, locale)}</dd>
            </div>
            {invoice.taxBreakdown.map((b) => (
              <div key={b.taxRate} className="flex justify-between text-slate-700">
                <dt>{t("taxFor", { rate: rate(b.taxRate), base: formatYen(b.baseJpy, locale) })}</dt>
                <dd className="num">{formatYen(b.taxJpy, locale)}</dd>
              </div>
            ))}
            <div className="flex justify-between border-t border-slate-200 pt-2 text-base font-semibold">
              <dt>{t("total")}</dt>
              <dd className="num" data-testid="invoice-total">
                {formatYen(invoice.totalJpy, locale)}
              </dd>
            </div>
          </dl>
          <p className="mt-2 text-xs text-slate-500">{t("rounding", { mode: invoice.taxRounding })}</p>
        </section>
      </div>
    </div>
  );
}
