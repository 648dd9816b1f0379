"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { runJobNowAction } from "@/app/(console)/admin/jobs/actions";
import { useT } from "@/lib/i18n/client";
import { jobsMessages } from "@/lib/i18n/messages/jobs";

export function RunNowButton({ job }: { job: string }) {
  const t = useT(jobsMessages);
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () => runJobNowAction({ job }),
    onSuccess: (result) => {
      if (result.ok) setTimeout(() => router.refresh(), 3_000);
    },
  });
  const result = mutation.data;
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending}
        className="rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60"
      >
        {t("runNow")}
      </button>
      {result && (
        <p role="status" className={`text-xs ${result.ok ? "text-green-700" : "text-red-700"}`}>
          {result.ok ? t("requested") : result.message}
        </p>
      )}
    </div>
  );
}
