"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ImportResult } from "@/lib/usage/import-usage-batch";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatDecimal } from "@/lib/i18n/format";
import { usageMessages } from "@/lib/i18n/messages/usage";
import { panel } from "@/components/ui/styles";

type State =
  | { phase: "idle" }
  | { phase: "uploading"; percent: number }
  | { phase: "importing" }
  | { phase: "done"; result: ImportResult }
  | { phase: "failed"; message: string };

function upload(
  file: File,
  onProgress: (percent: number) => void,
  onUploaded: () => void,
): Promise<{ status: number; body: unknown }> {
  // XMLHttpRequest, because fetch does not report upload progress.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/usage/import");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.upload.onload = onUploaded;
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) });
      } catch {
        reject(new Error(`HTTP ${xhr.status}`));
      }
    };
    xhr.onerror = () => reject(new Error("network error"));
    xhr.send(file);
  });
}

function rejectedCsv(result: Extract<ImportResult, { status: "refused" }>) {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return (
    ["line,column,reason", ...result.errors.map((e) => [e.line, e.column, e.reason].map(cell).join(","))].join("\r\n") +
    "\r\n"
  );
}

export function UsageUploadForm() {
  const t = useT(usageMessages);
  const locale = useLocale();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });
  const busy = state.phase === "uploading" || state.phase === "importing";

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return;
    setState({ phase: "uploading", percent: 0 });
    try {
      const { status, body } = await upload(
        file,
        (percent) => setState({ phase: "uploading", percent }),
        () => setState({ phase: "importing" }),
      );
      const result = body as ImportResult & { message?: string };
      if (status >= 400 && !("status" in result && result.status === "refused"))
        setState({ phase: "failed", message: result.message ?? `HTTP ${status}` });
      else {
        setState({ phase: "done", result });
        router.refresh();
      }
    } catch (error) {
      setState({ phase: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <div>
      <form onSubmit={submit} className={`flex flex-wrap items-end gap-3 ${panel} p-4`}>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">{t("chooseFile")}</span>
          <input
            type="file"
            name="file"
            accept=".csv,.jsonl,.json,.ndjson,text/csv,application/json"
            required
            disabled={busy}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <button
          type="submit"
          disabled={!file || busy}
          className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
        >
          {t("upload")}
        </button>
      </form>

      {(state.phase === "uploading" || state.phase === "importing") && (
        <div className="mt-4" role="status" aria-live="polite">
          <div className="text-sm">
            {state.phase === "uploading" ? t("uploading", { percent: state.percent }) : t("importing")}
          </div>
          <div className="mt-1 h-2 w-full max-w-md overflow-hidden rounded bg-slate-200">
            <div
              className={`h-full bg-blue-600 ${state.phase === "importing" ? "animate-pulse" : ""}`}
              style={{ width: `${state.phase === "uploading" ? state.percent : 100}%` }}
            />
          </div>
        </div>
      )}
      {state.phase === "failed" && (
        <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {t("failed", { message: state.message })}
        </p>
      )}
      {state.phase === "done" && <ImportSummary result={state.result} locale={locale} t={t} />}
    </div>
  );
}

function ImportSummary({
  result,
  locale,
  t,
}: {
  result: ImportResult;
  locale: "ja" | "en";
  t: ReturnType<typeof useT<keyof (typeof usageMessages)["en"]>>;
}) {
  if (result.status === "refused") {
    const href = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${rejectedCsv(result)}`)}`;
    return (
      <section
        role="alert"
        className="mt-4 rounded-lg border border-red-200 bg-white p-4 text-sm shadow-sm"
        data-testid="import-refused"
      >
        <p className="font-medium text-red-800">{t("refused", { count: result.errorCount })}</p>
        <a href={href} download="rejected-rows.csv" className="mt-2 inline-block text-blue-800 underline">
          {t("downloadRejected")}
        </a>
        <table className="mt-3 w-full text-left">
          <thead className="bg-slate-100">
            <tr>
              <th className="px-2 py-1">{t("line")}</th>
              <th className="px-2 py-1">{t("column")}</th>
              <th className="px-2 py-1">{t("reason")}</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.slice(0, 100).map((e) => (
              <tr key={`${e.line}-${e.column}-${e.reason}`} className="border-t border-slate-100">
                <td className="px-2 py-1">{e.line}</td>
                <td className="px-2 py-1 font-mono">{e.column}</td>
                <td className="px-2 py-1">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.errorCount > 100 && (
          <p className="mt-2 text-slate-600">{t("moreErrors", { shown: 100, count: result.errorCount })}</p>
        )}
      </section>
    );
  }
  return (
    <section
      role="status"
      className="mt-4 rounded-lg border border-green-200 bg-white p-4 text-sm shadow-sm"
      data-testid="import-summary"
    >
      <p className="font-medium text-green-800">
        {result.status === "already-imported"
          ? t("already", { batch: result.batchId.slice(0, 8) })
          : t("imported", {
              rows: result.rows.toLocaleString(),
              format: result.format,
              months: result.months.join(", "),
              projects: result.projects,
            })}
      </p>
      <table className="mt-3 text-left">
        <thead className="bg-slate-100">
          <tr>
            <th className="px-3 py-1">{t("currency")}</th>
            <th className="px-3 py-1 text-right">{t("cost")}</th>
            <th className="px-3 py-1 text-right">{t("credits")}</th>
            <th className="px-3 py-1 text-right">{t("net")}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(result.totals).map(([currency, x]) => (
            <tr key={currency} className="border-t border-slate-100">
              <td className="px-3 py-1">{currency}</td>
              <td className="num px-3 py-1">{formatDecimal(x.cost, locale, currency)}</td>
              <td className="num px-3 py-1">{formatDecimal(x.credits, locale, currency)}</td>
              <td className="num px-3 py-1">{formatDecimal(x.net, locale, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
