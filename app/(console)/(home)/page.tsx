// The home page is the month's cockpit: for the chosen month and the person's roles, what is
// left and what blocks it, each number linking to the list behind it (lib/cockpit).
import Link from "next/link";
import { requireActor } from "@/lib/dal/actor";
import { getHomeCockpit, homeSearchSchema } from "@/lib/cockpit/get-home-cockpit";
import { parseSearch } from "@/lib/http/search-params";
import { InvalidSearch } from "@/components/ui/invalid-search";
import { APPROVAL_WAIT_ALERT_DAYS } from "@/lib/invoices/approval-wait";
import { formatDateTime, formatDecimal } from "@/lib/i18n/format";
import { homeMessages } from "@/lib/i18n/messages/home";
import { shellMessages } from "@/lib/i18n/messages/shell";
import { getLocale, getT } from "@/lib/i18n/server";
import { CountTile } from "@/components/home/count-tile";
import { UnknownMonth } from "@/components/ui/unknown-month";
import { RefreshWhenRestored } from "@/components/ui/refresh-when-restored";
import { button, cx, formField, panel } from "@/components/ui/styles";

export const metadata = { title: "Home / ホーム" };

const link = "font-medium text-blue-800 underline-offset-2 hover:underline";

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const ts = await getT(shellMessages);
  const search = parseSearch(homeSearchSchema, await searchParams);
  if (!search.ok)
    return <InvalidSearch title={ts("homeTitle", { name: actor.name })} invalid={search.invalid} resetHref="/" />;
  const cockpit = await getHomeCockpit({ actor, month: search.value.month });
  const t = await getT(homeMessages);
  const locale = await getLocale();
  const { month, counts, blockers, queue, access, support, next } = cockpit;
  const m = month ? `month=${month}` : "";
  const hasRole = actor.roles.length > 0;

  return (
    <div className="max-w-6xl space-y-6">
      <RefreshWhenRestored />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{ts("homeTitle", { name: actor.name })}</h1>
          <p className="mt-1 text-slate-600">
            {!hasRole ? ts("homeNoRoles") : month ? t("introMonth", { month }) : support ? t("introSupport") : null}
          </p>
        </div>
        {month && (
          <form key={month} method="get" action="/" className="flex items-end gap-2 text-sm">
            <label className="flex flex-col gap-1">
              <span className="font-medium">{t("month")}</span>
              <select name="month" defaultValue={month} className={formField}>
                {cockpit.months.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            </label>
            <button type="submit" className={button("secondary", "sm")}>
              {t("show")}
            </button>
          </form>
        )}
      </div>
      <UnknownMonth asked={cockpit.unknownMonth} shown={month} className="" />

      {counts === null && cockpit.months.length === 0 && !support && !queue && hasRole && (
        <p className={`${panel} p-4`}>
          {t("noMonths")}{" "}
          {cockpit.can.generate && (
            <Link href="/usage" className={link}>
              {t("noMonthsImport")}
            </Link>
          )}
        </p>
      )}

      {next && month && (
        <section
          aria-label={t("next")}
          className={cx(
            "rounded-lg border p-4",
            next.key === "done" ? "border-green-300 bg-green-50" : "border-blue-300 bg-blue-50",
          )}
          data-testid="next-step"
          data-step={next.key}
        >
          <h2 className="text-sm font-semibold text-slate-700">{t("next")}</h2>
          <p className="mt-1 text-base">
            {next.key === "done"
              ? t("next_done", { month })
              : next.key === "setFxRate"
                ? t("next_setFxRate", { month, currencies: next.currencies.join(", ") })
                : t(`next_${next.key}`, { count: next.count, month })}
          </p>
          {next.href && (
            <Link href={next.href} className={`mt-2 inline-block ${button("primary", "sm")}`}>
              {t(`go_${next.key}`)} →
            </Link>
          )}
        </section>
      )}

      {counts && month && (
        <section aria-labelledby="states-title" data-testid="month-states">
          <h2 id="states-title" className="text-lg font-semibold">
            {t("statesTitle", { month })}
          </h2>
          <p className="text-sm text-slate-600">{t("statesIntro")}</p>
          <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            <CountTile
              testId="count-DRAFT"
              label={t("state_DRAFT")}
              count={counts.byState.DRAFT}
              href={`/drafts?${m}&status=DRAFT`}
            />
            <CountTile
              testId="count-REJECTED"
              label={t("state_REJECTED")}
              count={counts.byState.REJECTED}
              href={`/drafts?${m}&status=REJECTED`}
              tone="problem"
            />
            <CountTile
              testId="count-SUBMITTED"
              label={t("state_SUBMITTED")}
              count={counts.byState.SUBMITTED}
              href={queue ? "/approvals" : `/drafts?${m}&status=SUBMITTED`}
            />
            <CountTile
              testId="count-readyToRelease"
              label={t("state_readyToRelease")}
              count={counts.readyToRelease}
              href={`/releases?show=ready&${m}`}
              tone="attention"
            />
            <CountTile
              testId="count-RELEASED"
              label={t("state_RELEASED")}
              count={counts.byState.RELEASED}
              href={`/drafts?${m}&status=RELEASED`}
            />
            <CountTile
              testId="count-deliveryFailed"
              label={t("state_deliveryFailed")}
              count={counts.deliveryFailed}
              href={`/releases?show=failed&${m}`}
              tone="problem"
            />
          </div>
        </section>
      )}

      {blockers && counts && month && (
        <section aria-labelledby="blockers-title" className={`${panel} p-4`} data-testid="blockers">
          <h2 id="blockers-title" className="text-lg font-semibold">
            {t("blockersTitle", { month })}
          </h2>
          <BlockerList
            items={[
              ...blockers.missingFxRates.map((currency) => ({
                key: `fx-${currency}`,
                text: t("blockerFx", { currency, month }),
                href: cockpit.can.setFxRates ? "/admin/fx-rates" : null,
                linkText: cockpit.can.setFxRates ? t("blockerFxLink") : t("blockerFxAsk"),
              })),
              ...(blockers.unassigned.length
                ? [
                    {
                      key: "unassigned",
                      text: t("blockerUnassigned", {
                        projects: blockers.unassigned.reduce((s, u) => s + u.projects, 0),
                        amount: blockers.unassigned.map((u) => formatDecimal(u.net, locale, u.currency)).join(", "),
                      }),
                      href: cockpit.can.assignProjects ? "/admin/assignments" : `/usage/unassigned?${m}`,
                      linkText: cockpit.can.assignProjects ? t("blockerAssignLink") : t("blockerUnassignedLink"),
                    },
                  ]
                : []),
              ...(counts.deliveryFailed
                ? [
                    {
                      key: "failed",
                      text: t("blockerFailed", { n: counts.deliveryFailed }),
                      href: `/releases?show=failed&${m}`,
                      linkText: t("blockerFailedLink"),
                    },
                  ]
                : []),
              ...(counts.waitingLong
                ? [
                    {
                      key: "waiting",
                      text: t("blockerWaiting", { n: counts.waitingLong, days: APPROVAL_WAIT_ALERT_DAYS }),
                      href: `/drafts?${m}&status=SUBMITTED&waiting=1`,
                      linkText: t("blockerWaitingLink"),
                    },
                  ]
                : []),
            ]}
            empty={t("noBlockers", { month })}
          />
        </section>
      )}

      {(queue || access) && (
        <div className="grid gap-4 md:grid-cols-2">
          {queue && (
            <section aria-labelledby="queue-title" className={`${panel} p-4`} data-testid="queue-summary">
              <h2 id="queue-title" className="text-lg font-semibold">
                {t("queueTitle")}
              </h2>
              {queue.waiting === 0 ? (
                <p className="mt-1 text-sm text-slate-600">{t("queueEmpty")}</p>
              ) : (
                <div className="mt-1 space-y-1 text-sm">
                  <p className="text-base" data-testid="queue-waiting">
                    {t("queueWaiting", { n: queue.waiting })}
                  </p>
                  {queue.needTwo > 0 && (
                    <p data-testid="queue-two">{t("queueTwo", { n: queue.needTwo, second: queue.needSecond })}</p>
                  )}
                  {queue.oldestSubmittedAt && (
                    <p className="text-slate-600">
                      {t("queueOldest", { time: formatDateTime(queue.oldestSubmittedAt, locale) })}
                    </p>
                  )}
                  <Link href="/approvals" className={`inline-block ${link}`}>
                    {t("queueLink")} →
                  </Link>
                </div>
              )}
            </section>
          )}
          {access && (
            <section aria-labelledby="access-title" className={`${panel} p-4`} data-testid="access-summary">
              <h2 id="access-title" className="text-lg font-semibold">
                {t("accessTitle")}
              </h2>
              {access.pending === 0 ? (
                <p className="mt-1 text-sm text-slate-600">{t("accessNone")}</p>
              ) : (
                <p className="mt-1 text-sm">
                  {t("accessPending", { n: access.pending })}{" "}
                  <Link href="/access" className={link}>
                    {t("accessLink")} →
                  </Link>
                </p>
              )}
            </section>
          )}
        </div>
      )}

      {support && (
        <search>
          <form action="/lookup" method="get" className="flex flex-wrap items-end gap-2 text-sm">
            <label className="flex flex-col gap-1">
              <span className="font-medium">{t("searchLabel")}</span>
              <input type="search" name="q" maxLength={100} className={`w-96 max-w-full bg-white ${formField}`} />
            </label>
            <button type="submit" className={button("primary", "sm")}>
              {t("searchButton")}
            </button>
          </form>
        </search>
      )}

      {support && (
        <div className="grid gap-4 md:grid-cols-2">
          <section aria-labelledby="recent-title" className={`${panel} p-4`} data-testid="recent-lookups">
            <h2 id="recent-title" className="text-lg font-semibold">
              {t("recentTitle")}
            </h2>
            {support.recent.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">
                {t("recentEmpty")}{" "}
                <Link href="/lookup" className={link}>
                  {t("recentSearch")} →
                </Link>
              </p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {support.recent.map((r) => (
                  <li
                    key={`${r.targetType}-${r.targetId}`}
                    className="flex items-baseline justify-between gap-3 py-1.5"
                  >
                    <span>
                      <span className="mr-2 text-xs text-slate-500">{t(`kind_${r.targetType}`)}</span>
                      <Link
                        href={
                          r.targetType === "customer"
                            ? `/lookup/customers/${r.targetId}`
                            : `/lookup/projects/${encodeURIComponent(r.targetId)}`
                        }
                        className={link}
                      >
                        {r.targetType === "project" ? r.targetId : (r.name ?? r.targetId)}
                      </Link>
                      {(r.targetType === "project" ? r.name : r.detail) && (
                        <span className="ml-2 text-xs text-slate-500">
                          {r.targetType === "project" ? r.name : r.detail}
                        </span>
                      )}
                    </span>
                    <span className="shrink-0 text-xs text-slate-500">{formatDateTime(r.visitedAt, locale)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="requests-title" className={`${panel} p-4`} data-testid="own-requests">
            <h2 id="requests-title" className="text-lg font-semibold">
              {t("requestsTitle")}
            </h2>
            {support.requests.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">{t("requestsEmpty")}</p>
            ) : (
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {support.requests.map((r) => (
                  <li key={r.id} className="py-1.5" data-status={r.status}>
                    <Link href={`/lookup/customers/${r.customer.id}`} className={link}>
                      {r.customer.name}
                    </Link>{" "}
                    <span className="text-xs text-slate-500">{r.customer.code}</span>
                    <div className={cx("text-xs", r.status === "APPROVED" ? "text-green-800" : "text-amber-800")}>
                      {r.status === "APPROVED" && r.expiresAt
                        ? t("requestActive", { time: formatDateTime(r.expiresAt, locale) })
                        : t("requestWaiting", { time: formatDateTime(r.createdAt, locale) })}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <Link href="/access" className={`mt-2 inline-block text-sm ${link}`}>
              {t("requestsLink")} →
            </Link>
          </section>
        </div>
      )}
    </div>
  );
}

function BlockerList({
  items,
  empty,
}: {
  items: Array<{ key: string; text: string; href: string | null; linkText: string }>;
  empty: string;
}) {
  if (items.length === 0) return <p className="mt-1 text-sm text-green-800">{empty}</p>;
  return (
    <ul className="mt-2 space-y-2 text-sm">
      {items.map((item) => (
        <li
          key={item.key}
          className="flex flex-wrap items-baseline gap-x-2 text-amber-900"
          data-testid={`blocker-${item.key}`}
        >
          <span aria-hidden="true">⚠</span>
          <span>{item.text}</span>
          {item.href ? (
            <Link href={item.href} className={link}>
              {item.linkText} →
            </Link>
          ) : (
            <span className="text-slate-700">{item.linkText}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
