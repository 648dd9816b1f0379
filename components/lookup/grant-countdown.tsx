"use client";
// How long support's access lasts, counted down in the browser; when it ends the page is
// refreshed, and the server (which compares the grant's end with its own clock) masks again.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useT } from "@/lib/i18n/client";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import { badge, cx } from "@/components/ui/styles";

export function GrantCountdown({ expiresAt }: { expiresAt: string }) {
  const t = useT(lookupMessages);
  const router = useRouter();
  const end = new Date(expiresAt).getTime();
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setLeft(end - Date.now());
    tick();
    const timer = window.setInterval(tick, 15_000);
    const refresh = window.setTimeout(() => router.refresh(), Math.max(0, end - Date.now()) + 1_000);
    return () => {
      window.clearInterval(timer);
      window.clearTimeout(refresh);
    };
  }, [end, router]);
  if (left === null) return null;
  return (
    <span
      className={cx(
        "ml-2 font-medium",
        badge,
        left > 0 ? "bg-amber-100 text-amber-900" : "bg-slate-200 text-slate-700",
      )}
      data-testid="grant-left"
    >
      {left > 0 ? t("grantLeft", { minutes: Math.max(1, Math.ceil(left / 60_000)) }) : t("grantEnded")}
    </span>
  );
}
