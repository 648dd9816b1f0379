"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { generateDraftsAction } from "@/app/(console)/drafts/actions";
import { useLocale, useT } from "@/lib/i18n/client";
import { refusalText } from "@/lib/i18n/refusals";
import { draftsMessages } from "@/lib/i18n/messages/drafts";
import { button } from "@/components/ui/styles";

export function GenerateDraftsButton({ month }: { month: string }) {
  const t = useT(draftsMessages);
  const locale = useLocale();
  const router = useRouter();
  const mutation = useMutation({
    mutationFn: () => generateDraftsAction({ month }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const result = mutation.data;
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={() => mutation.mutate()}
        disabled={mutation.isPending}
        className={`${button("primary")} font-medium hover:bg-slate-700`}
      >
        {mutation.isPending ? t("generating") : t("generate", { month })}
      </button>
      {result && (
        <p role="status" className={`max-w-md text-right text-sm ${result.ok ? "text-green-800" : "text-red-700"}`}>
          {result.ok
            ? t("generated", {
                created: result.data.created,
                updated: result.data.updated,
                unchanged: result.data.unchanged,
                skipped: result.data.skipped.length,
              })
            : result.message}
          {result.ok && result.data.skipped.length > 0 && (
            <span className="block text-amber-800">
              {t("skippedDetail", {
                list: result.data.skipped
                  .slice(0, 3)
                  .map((s) => `${s.customerCode}: ${refusalText(s.code, locale, s.params) ?? s.reason}`)
                  .join("; "),
              })}
            </span>
          )}
        </p>
      )}
    </div>
  );
}
