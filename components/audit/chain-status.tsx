// The audit chain's status for the admin page (a server component): intact or the first
// broken event, how many events were verified and when.
import Link from "next/link";
import { CHAIN_STATUS_MAX_AGE_MS, getChainStatus, type CheckedChainStatus } from "@/lib/audit/chain-status-cache";
import { describeChainBreak } from "@/lib/audit/verify-audit-chain";
import { auditMessages } from "@/lib/i18n/messages/audit";
import { getT } from "@/lib/i18n/server";
import { EventTime, localText } from "./event-time";
import { cx } from "@/components/ui/styles";

const firstLine = (text: string) => text.split("\n", 1)[0] ?? "";

/** The audit log around one event: that event at the top, older ones below. */
const eventHref = (seq: bigint) => `/audit?before=${seq + 1n}`;

export async function ChainStatus({ force, verifyAgainHref }: { force: boolean; verifyAgainHref: string }) {
  const t = await getT(auditMessages);
  let checked: CheckedChainStatus;
  try {
    checked = await getChainStatus({ force });
  } catch (error) {
    console.error("audit chain verification failed", error);
    return (
      <div
        role="alert"
        className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900"
        data-testid="chain-status"
        data-ok="unknown"
      >
        {t("chainFailed", { message: error instanceof Error ? firstLine(error.message) : String(error) })}{" "}
        <Link href={verifyAgainHref} className="font-medium underline">
          {t("chainVerifyAgain")}
        </Link>
      </div>
    );
  }
  const { status, checkedAt, cached } = checked;
  return (
    <div
      className={cx(
        "mt-3 rounded-md border p-4 text-sm",
        status.ok ? "border-green-300 bg-green-50" : "border-red-300 bg-red-50",
      )}
      data-testid="chain-status"
      data-ok={String(status.ok)}
      role={status.ok ? undefined : "alert"}
    >
      <div className="flex flex-wrap items-center gap-3">
        <span
          className={cx(
            "rounded px-2 py-0.5 text-sm font-semibold text-white",
            status.ok ? "bg-green-700" : "bg-red-700",
          )}
        >
          {status.ok ? t("chainOk") : t("chainBroken")}
        </span>
        <span data-testid="chain-verified">{t("chainVerified", { n: status.verified.toLocaleString("en-US") })}</span>
        {status.last ? (
          <Link href={eventHref(status.last.seq)} className="text-blue-800 hover:underline" title={status.last.hash}>
            {t("chainLast", { seq: status.last.seq.toString() })}{" "}
            <span className="font-mono text-xs text-slate-500">{status.last.hash.slice(0, 12)}…</span>
          </Link>
        ) : (
          status.ok && <span className="text-slate-600">{t("chainEmpty")}</span>
        )}
      </div>
      {status.broken && (
        <div className="mt-3" data-testid="chain-broken">
          <div className="font-semibold text-red-900">{t("chainBrokenAt", { seq: status.broken.seq.toString() })}</div>
          <code className="mt-1 block rounded bg-white/70 p-2 text-xs break-words text-red-900">
            {describeChainBreak(status)}
          </code>
          {status.broken.occurredAt && (
            <EventTime iso={status.broken.occurredAt.toISOString()} utcLabel={t("utc")} localLabel={t("jst")} />
          )}
          <Link href={eventHref(status.broken.seq)} className="mt-1 inline-block text-blue-800 hover:underline">
            {t("chainSeeEvent")} →
          </Link>
        </div>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-3 text-xs text-slate-600">
        <span data-testid="chain-checked">
          {t(cached ? "chainCached" : "chainCheckedAt", {
            time: `${localText(checkedAt.toISOString())} ${t("jst")}`,
            ms: Math.round(status.durationMs),
            minutes: CHAIN_STATUS_MAX_AGE_MS / 60_000,
          })}
        </span>
        <Link
          href={verifyAgainHref}
          className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm text-slate-900 hover:bg-slate-50"
          data-testid="chain-verify-again"
          prefetch={false}
        >
          {t("chainVerifyAgain")}
        </Link>
      </div>
    </div>
  );
}

export async function ChainStatusLoading() {
  const t = await getT(auditMessages);
  return (
    <p
      role="status"
      className="mt-3 flex items-center gap-2 rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-600"
    >
      <span
        className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-700"
        aria-hidden
      />
      {t("chainVerifying")}
    </p>
  );
}
