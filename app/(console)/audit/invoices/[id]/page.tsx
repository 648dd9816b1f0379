// An invoice's whole story from the audit log in one timeline (usage batches, generation,
// edits, submission, approvals, release, deliveries, corrections). Opening it is recorded.
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/dal/actor";
import { getInvoiceStory } from "@/lib/audit/query-audit";
import { isAppError } from "@/lib/errors";
import { formatYen } from "@/lib/i18n/format";
import { auditMessages } from "@/lib/i18n/messages/audit";
import { draftsMessages } from "@/lib/i18n/messages/drafts";
import { getLocale, getT } from "@/lib/i18n/server";
import { EventTime } from "@/components/audit/event-time";
import { InvoiceStoryTimeline } from "@/components/audit/invoice-story-timeline";
import { factGrid } from "@/components/ui/styles";

export const metadata = { title: "Invoice story / 請求書の経緯" };

export default async function InvoiceStoryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("audit.view");
  const { id } = await params;
  const story = await getInvoiceStory({ actor, invoiceId: id }).catch((error) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const t = await getT(auditMessages);
  const td = await getT(draftsMessages);
  const locale = await getLocale();
  const { invoice } = story;
  const steps = story.events.filter((e) => e.action !== "audit.read");
  const reads = story.events.length - steps.length;
  const allEvents = `/audit?targetType=invoice&targetId=${invoice.id}`;

  return (
    <div className="max-w-5xl">
      <div className="text-sm text-slate-500">
        <Link href="/audit" className="hover:underline">
          {t("storyBack")}
        </Link>{" "}
        / {invoice.customer.code}
      </div>
      <h1 className="mt-1 text-2xl font-semibold">
        {t("storyTitle", { customer: invoice.customer.name, month: invoice.month })}
      </h1>
      <p className="mt-1 text-slate-600">{t("storyIntro")}</p>

      <dl className={`mt-4 ${factGrid} md:grid-cols-4`} data-testid="story-summary">
        <div>
          <dt className="text-slate-500">{t("number")}</dt>
          <dd className="font-medium">{invoice.number ?? t("notIssued")}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("status")}</dt>
          <dd className="font-medium">{td(`status${invoice.status}`)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("total")}</dt>
          <dd className="font-medium">{formatYen(invoice.totalJpy, locale)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">{t("version")}</dt>
          <dd className="font-medium">v{invoice.version}</dd>
        </div>
      </dl>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <Link href={`/invoices/${invoice.id}`} className="text-blue-800 hover:underline">
          {t("storyInvoice")} →
        </Link>
        <Link href={allEvents} className="text-blue-800 hover:underline">
          {t("storyAllEvents")} →
        </Link>
      </p>

      <section className="mt-6" aria-labelledby="story-batches">
        <h2 id="story-batches" className="text-base font-semibold">
          {t("batches")}
        </h2>
        {story.batches.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t("noBatches")}</p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {story.batches.map((b) => (
              <li key={b.id} className="flex flex-wrap items-baseline gap-3">
                <span className="font-mono">{b.fileName}</span>
                <EventTime iso={b.importedAt} utcLabel={t("utc")} localLabel={t("jst")} />
              </li>
            ))}
          </ul>
        )}
        {story.corrections.length > 0 && (
          <p className="mt-2 text-sm">
            {t("corrections")}:{" "}
            {story.corrections.map((c, i) => (
              <span key={c.id}>
                {i > 0 && ", "}
                <Link href={`/audit/invoices/${c.id}`} className="font-mono text-blue-800 hover:underline">
                  {c.number ?? c.kind}
                </Link>
              </span>
            ))}
          </p>
        )}
      </section>

      <section className="mt-6" aria-labelledby="story-steps">
        <h2 id="story-steps" className="text-base font-semibold">
          {t("timeline")}
        </h2>
        {steps.length === 0 ? (
          <p className="mt-2 rounded-md border border-slate-200 bg-white p-4">{t("storyEmpty")}</p>
        ) : (
          <InvoiceStoryTimeline
            events={steps}
            names={story.names}
            invoiceId={invoice.id}
            corrections={story.corrections}
          />
        )}
        {reads > 0 && (
          <p className="mt-2 text-sm text-slate-600">
            {t("viewedBefore", { n: reads })}{" "}
            <Link href={`${allEvents}&action=audit.read`} className="text-blue-800 underline">
              {t("whoViewed")}
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
