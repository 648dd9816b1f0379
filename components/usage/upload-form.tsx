"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { confirmUsageBatchAction } from "@/app/(console)/usage/actions";
import type { ImportResult } from "@/lib/usage/import-result";
import { useT } from "@/lib/i18n/client";
import { usageMessages } from "@/lib/i18n/messages/usage";
import { button, panel } from "@/components/ui/styles";
import { ImportOutcome } from "./import-outcome";

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

export function UsageUploadForm() {
  const t = useT(usageMessages);
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });
  const busy = state.phase === "uploading" || state.phase === "importing";

  // Finance confirms a staged file: it replaces the month's usage, or is added to it.
  const confirm = useMutation({
    mutationFn: (input: { batchId: string; mode: "replace" | "append" }) => confirmUsageBatchAction(input),
    onSuccess: (r) => {
      if (r.ok) {
        setState({ phase: "done", result: r.data });
        router.refresh();
      } else setState({ phase: "failed", message: r.message });
    },
    onError: (error) => setState({ phase: "failed", message: error.message }),
  });

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
            disabled={busy || confirm.isPending}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" disabled={!file || busy || confirm.isPending} className={button("primary")}>
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
      {state.phase === "done" && (
        <ImportOutcome
          result={state.result}
          confirming={confirm.isPending}
          onConfirm={(batchId, mode) => confirm.mutate({ batchId, mode })}
        />
      )}
    </div>
  );
}
