import { utcToLocalInput } from "@/lib/audit/audit-search-params";

/** 2026-08-01T00:00:12.345Z -> "2026-08-01 00:00:12" (UTC). */
export function utcText(iso: string): string {
  return iso.slice(0, 19).replace("T", " ");
}

/** The same instant on the wall clock in Japan, to the second. */
export function localText(iso: string): string {
  const seconds = iso.slice(16, 19);
  return utcToLocalInput(iso).replace("T", " ") + seconds;
}

/** An event's time: UTC first (what the log records), local (JST) beneath. */
export function EventTime({ iso, utcLabel, localLabel }: { iso: string; utcLabel: string; localLabel: string }) {
  return (
    <time dateTime={iso} title={iso} className="block font-mono text-xs whitespace-nowrap">
      {utcText(iso)} <span className="font-sans text-slate-500">{utcLabel}</span>
      <br />
      <span className="text-slate-600">{localText(iso)}</span>{" "}
      <span className="font-sans text-slate-500">{localLabel}</span>
    </time>
  );
}
