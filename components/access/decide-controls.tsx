"use client";
// A manager's decision on one access request: approve for 15, 30 or 60 minutes, or reject with
// an optional note. The server re-checks the role, the person (never one's own request), the
// state and the 60-minute cap.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { decideAccessAction } from "@/app/(console)/access/actions";
import { button, choice, cx } from "@/components/ui/styles";
import { useKeyDownWithin } from "@/components/ui/use-key-down-within";
import { useT } from "@/lib/i18n/client";
import { accessMessages } from "@/lib/i18n/messages/access";

const DURATIONS = [15, 30, 60] as const;
type Duration = (typeof DURATIONS)[number];

export function DecideControls({ grantId }: { grantId: string }) {
  const t = useT(accessMessages);
  const router = useRouter();
  const [minutes, setMinutes] = useState<Duration>(15);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState("");
  const noteRef = useRef<HTMLInputElement>(null);
  const rejectFormRef = useRef<HTMLFormElement>(null);
  const done = (r: { ok: boolean }) => {
    if (r.ok) router.refresh();
  };
  const approve = useMutation({
    mutationFn: () => decideAccessAction({ grantId, decision: "approve", durationMinutes: minutes }),
    onSuccess: done,
  });
  const reject = useMutation({
    mutationFn: () => decideAccessAction({ grantId, decision: "reject", note: note.trim() || undefined }),
    onSuccess: done,
  });
  const pending = approve.isPending || reject.isPending;
  const result = approve.data ?? reject.data;
  useEffect(() => {
    if (rejecting) noteRef.current?.focus();
  }, [rejecting]);
  useKeyDownWithin(rejectFormRef, (e) => {
    if (e.key === "Escape") setRejecting(false);
  });

  return (
    <div className="space-y-2">
      {!rejecting ? (
        <form
          className="flex items-center gap-2 whitespace-nowrap"
          onSubmit={(e) => {
            e.preventDefault();
            approve.mutate();
          }}
        >
          <fieldset className="flex items-center gap-2">
            <legend className="sr-only">{t("approveFor")}</legend>
            <span aria-hidden className="text-xs text-slate-600">
              {t("approveFor")}
            </span>
            {DURATIONS.map((d) => (
              <label
                key={d}
                className={cx(
                  choice(minutes === d),
                  "cursor-pointer px-2 py-1 text-xs has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-slate-400",
                )}
              >
                <input
                  type="radio"
                  name={`duration-${grantId}`}
                  value={d}
                  checked={minutes === d}
                  onChange={() => setMinutes(d)}
                  className="sr-only"
                />
                {t("minutes", { n: d })}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={pending} className={`${button("approve", "sm")} font-medium`}>
            {approve.isPending ? t("working") : t("approve")}
          </button>
          <button
            type="button"
            disabled={pending}
            onClick={() => setRejecting(true)}
            className={button("dangerOutline", "sm")}
          >
            {t("reject")}
          </button>
        </form>
      ) : (
        <form
          ref={rejectFormRef}
          className="flex items-end gap-2 whitespace-nowrap"
          onSubmit={(e) => {
            e.preventDefault();
            reject.mutate();
          }}
        >
          <label className="flex flex-col gap-1 text-xs">
            <span className="font-medium">{t("rejectNote")}</span>
            <input
              ref={noteRef}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={500}
              className="w-48 rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
          </label>
          <button type="submit" disabled={pending} className={button("danger", "sm")}>
            {reject.isPending ? t("working") : t("confirmReject")}
          </button>
          <button type="button" onClick={() => setRejecting(false)} className={button("secondary", "sm")}>
            {t("cancel")}
          </button>
        </form>
      )}
      {result && !result.ok && (
        <p role="alert" className="text-sm text-red-700">
          {result.message}
        </p>
      )}
    </div>
  );
}
