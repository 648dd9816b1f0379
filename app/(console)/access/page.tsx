import Link from "next/link";
import { listAccessRequests } from "@/lib/access/list-access-requests";
import { listOwnAccessRequests } from "@/lib/access/list-own-access-requests";
import { can } from "@/lib/authz/policy";
import { requireActor, requirePermission } from "@/lib/dal/actor";
import { formatDateTime } from "@/lib/i18n/format";
import { accessMessages } from "@/lib/i18n/messages/access";
import { getLocale, getT } from "@/lib/i18n/server";
import { DecideControls } from "@/components/access/decide-controls";
import { formatAge } from "@/components/access/relative-time";
import { StatusBadge } from "@/components/access/status-badge";
import { DataTable } from "@/components/ui/data-table";
import { countBadge, cx } from "@/components/ui/styles";

export const metadata = { title: "Access requests / 閲覧申請" };

// Managers decide pending requests here; support follows their own. Someone with neither
// permission gets the 403 page (and the refusal is recorded).
export default async function AccessPage() {
  const actor = await requireActor();
  const canDecide = can(actor, "accessGrant.decide");
  const canRequest = can(actor, "accessGrant.request");
  if (!canDecide && !canRequest) await requirePermission("accessGrant.decide");
  const t = await getT(accessMessages);
  const locale = await getLocale();
  const now = new Date();
  const [queue, mine] = await Promise.all([
    canDecide ? listAccessRequests({ actor, now }) : null,
    canRequest ? listOwnAccessRequests({ actor, now }) : null,
  ]);

  const until = (expiresAt: string | null, status: string) => {
    if (!expiresAt) return "—";
    const left = new Date(expiresAt).getTime() - now.getTime();
    return (
      <>
        {formatDateTime(expiresAt, locale)}
        <div className="text-xs text-slate-500">
          {status === "APPROVED" && left > 0
            ? t("activeLeft", { minutes: Math.max(1, Math.ceil(left / 60_000)) })
            : t("endedAt", { time: formatAge(expiresAt, now, locale) })}
        </div>
      </>
    );
  };
  const customerCell = (c: { id: string; code: string; name: string }) => (
    <>
      <Link href={`/lookup/customers/${c.id}`} className="text-blue-800 hover:underline">
        {c.name}
      </Link>
      <div className="font-mono text-xs text-slate-500">{c.code}</div>
    </>
  );

  return (
    <div className="max-w-6xl space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-4xl text-slate-600">{canDecide ? t("introManager") : t("introSupport")}</p>
      </div>

      {queue && (
        <>
          <section aria-labelledby="pending-title" data-testid="pending-requests">
            <h2 id="pending-title" className="flex items-center gap-2 text-lg font-semibold">
              {t("pendingTitle")}
              <span
                className={cx(
                  countBadge,
                  queue.pending.length ? "bg-amber-500 text-white" : "bg-slate-200 text-slate-600",
                )}
              >
                {queue.pending.length}
              </span>
            </h2>
            {queue.pending.length === 0 ? (
              <p className="mt-2 rounded-md border border-slate-200 bg-white p-4">{t("noPending")}</p>
            ) : (
              <DataTable
                columns={[
                  { label: t("requester") },
                  { label: t("customer") },
                  { label: t("reason") },
                  { label: t("age") },
                  { label: t("decision") },
                ]}
              >
                {queue.pending.map((r) => (
                  <tr
                    key={r.id}
                    className="border-t border-slate-100 align-top"
                    data-testid="access-request"
                    data-grant-id={r.id}
                  >
                    <td className="px-3 py-2">
                      {r.requester.name}
                      <div className="text-xs text-slate-500">{r.requester.email}</div>
                    </td>
                    <td className="px-3 py-2">{customerCell(r.customer)}</td>
                    <td className="max-w-xs whitespace-pre-wrap break-words px-3 py-2">{r.reason}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <time dateTime={r.createdAt} title={formatDateTime(r.createdAt, locale)}>
                        {formatAge(r.createdAt, now, locale)}
                      </time>
                    </td>
                    <td className="w-px px-3 py-2">
                      {r.own ? (
                        <span className="text-slate-600">{t("ownRequest")}</span>
                      ) : (
                        <DecideControls grantId={r.id} />
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>

          <section aria-labelledby="decided-title" data-testid="decided-requests">
            <h2 id="decided-title" className="text-lg font-semibold">
              {t("decidedTitle")}
            </h2>
            {queue.decided.length === 0 ? (
              <p className="mt-2 rounded-md border border-slate-200 bg-white p-4">{t("noDecided")}</p>
            ) : (
              <DataTable
                columns={[
                  { label: t("status") },
                  { label: t("requester") },
                  { label: t("customer") },
                  { label: t("reason") },
                  { label: t("decidedBy") },
                  { label: t("duration") },
                  { label: t("until") },
                ]}
              >
                {queue.decided.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="decided-request">
                    <td className="px-3 py-2">
                      <StatusBadge status={r.status} t={t} />
                    </td>
                    <td className="px-3 py-2">{r.requester.name}</td>
                    <td className="px-3 py-2">{customerCell(r.customer)}</td>
                    <td className="max-w-xs whitespace-pre-wrap break-words px-3 py-2">{r.reason}</td>
                    <td className="px-3 py-2">
                      {r.approver?.name ?? "—"}
                      {r.decidedAt && (
                        <div className="text-xs text-slate-500">{formatDateTime(r.decidedAt, locale)}</div>
                      )}
                    </td>
                    <td className="px-3 py-2">{r.durationMinutes ? t("minutes", { n: r.durationMinutes }) : "—"}</td>
                    <td className="whitespace-nowrap px-3 py-2">{until(r.expiresAt, r.status)}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        </>
      )}

      {mine && (
        <section aria-labelledby="mine-title" data-testid="my-requests">
          <h2 id="mine-title" className="text-lg font-semibold">
            {t("myTitle")}
          </h2>
          {mine.length === 0 ? (
            <p className="mt-2 rounded-md border border-slate-200 bg-white p-4">
              {t("noMine")}{" "}
              <Link href="/lookup" className="font-medium text-blue-800 hover:underline">
                {t("openLookup")}
              </Link>
            </p>
          ) : (
            <DataTable
              columns={[
                { label: t("status") },
                { label: t("customer") },
                { label: t("reason") },
                { label: t("age") },
                { label: t("decidedBy") },
                { label: t("until") },
              ]}
            >
              {mine.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="my-request">
                  <td className="px-3 py-2">
                    <StatusBadge status={r.status} t={t} />
                  </td>
                  <td className="px-3 py-2">{customerCell(r.customer)}</td>
                  <td className="max-w-xs whitespace-pre-wrap break-words px-3 py-2">{r.reason}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <time dateTime={r.createdAt} title={formatDateTime(r.createdAt, locale)}>
                      {formatAge(r.createdAt, now, locale)}
                    </time>
                  </td>
                  <td className="px-3 py-2">
                    {r.approver?.name ?? "—"}
                    {r.decidedAt && <div className="text-xs text-slate-500">{formatDateTime(r.decidedAt, locale)}</div>}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{until(r.expiresAt, r.status)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      )}
    </div>
  );
}
