"use client";
// One invoice's deliveries: state per service, the external id and link once sent, the
// service's error and attempt count when not, and finance's retry.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { retryDeliveryAction } from "@/app/(console)/releases/actions";
import { formatDateTime } from "@/lib/i18n/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { releasesMessages } from "@/lib/i18n/messages/releases";
import type { DeliveryView } from "@/lib/release/release-status";

const STATUS_STYLE = {
  PENDING: "bg-amber-100 text-amber-900",
  SENT: "bg-green-100 text-green-900",
  FAILED: "bg-red-100 text-red-900",
} as const;

function RetryButton({ deliveryId }: { deliveryId: string }) {
  const t = useT(releasesMessages);
  const router = useRouter();
  const retry = useMutation({
    mutationFn: () => retryDeliveryAction({ deliveryId }),
    onSuccess: () => router.refresh(),
  });
  return (
    <>
      <button
        type="button"
        onClick={() => retry.mutate()}
        disabled={retry.isPending}
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60"
      >
        {retry.isPending ? t("retrying") : t("retry")}
      </button>
      {retry.data && !retry.data.ok && (
        <span role="alert" className="text-xs text-red-700">
          {retry.data.message}
        </span>
      )}
    </>
  );
}

export function DeliveryStatus({
  deliveries,
  canRetry,
  compact = false,
}: {
  deliveries: DeliveryView[];
  canRetry: boolean;
  compact?: boolean;
}) {
  const t = useT(releasesMessages);
  const locale = useLocale();
  return (
    <ul className={compact ? "space-y-1" : "space-y-2"}>
      {deliveries.map((d) => (
        <li
          key={d.id}
          className="flex flex-wrap items-center gap-2 text-sm"
          data-testid={`delivery-${d.service}`}
          data-status={d.status}
        >
          <span className={compact ? "w-28 text-xs text-slate-600" : "w-36 font-medium"}>
            {t(`service_${d.service}`)}
          </span>
          <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[d.status]}`}>
            {t(`status_${d.status}`)}
          </span>
          {d.status === "SENT" &&
            d.externalId &&
            (d.externalUrl ? (
              <a
                href={d.externalUrl}
                target="_blank"
                rel="noreferrer"
                className="font-mono text-xs text-blue-800 hover:underline"
              >
                {d.externalId}
              </a>
            ) : (
              <span className="font-mono text-xs">{d.externalId}</span>
            ))}
          {d.waitingForDocument && <span className="text-xs text-slate-500">{t("waitingForDocument")}</span>}
          {d.status !== "SENT" && d.attempts > 0 && (
            <span className="text-xs text-slate-600">{t("attempts", { n: d.attempts })}</span>
          )}
          {d.status === "PENDING" && d.attempts > 0 && d.nextAttemptAt && (
            <span className="text-xs text-slate-500">
              {t("nextAttempt", { time: formatDateTime(d.nextAttemptAt, locale) })}
            </span>
          )}
          {d.lastError && d.status !== "SENT" && <span className="font-mono text-xs text-red-800">{d.lastError}</span>}
          {canRetry && d.status !== "SENT" && !d.waitingForDocument && <RetryButton deliveryId={d.id} />}
        </li>
      ))}
    </ul>
  );
}

/** While a delivery is pending, the worker may finish it at any moment: look again every few seconds. */
export function RefreshWhilePending({ active, intervalMs = 3_000 }: { active: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, router]);
  return null;
}
