// "5 minutes ago" / "5 分前" for the access page, from the server's clock at render time.
import type { Locale } from "@/lib/i18n/define";

export function formatAge(iso: string, now: Date, locale: Locale): string {
  const rtf = new Intl.RelativeTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { numeric: "auto" });
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(0, "minute");
  if (abs < 3600) return rtf.format(Math.trunc(seconds / 60), "minute");
  if (abs < 48 * 3600) return rtf.format(Math.trunc(seconds / 3600), "hour");
  return rtf.format(Math.trunc(seconds / 86400), "day");
}
