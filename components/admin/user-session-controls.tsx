"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { endUserSessionsAction, unlockSignInAction } from "@/app/(console)/admin/users/actions";
import { useT } from "@/lib/i18n/client";
import { adminMessages } from "@/lib/i18n/messages/admin";

/** A user's active sessions and sign-in lock, with "end all sessions" and "unlock" (both audited). */
export function UserSessionControls({
  userId,
  email,
  activeSessions,
  lockedUntil,
}: {
  userId: string;
  email: string;
  activeSessions: number;
  /** Already formatted for the reader, or null when not locked. */
  lockedUntil: string | null;
}) {
  const t = useT(adminMessages);
  const router = useRouter();
  const end = useMutation({
    mutationFn: () => endUserSessionsAction({ userId }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const unlock = useMutation({
    mutationFn: () => unlockSignInAction({ email }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const ended = end.data;
  const unlocked = unlock.data;
  return (
    <div className="flex flex-col items-start gap-1">
      <span data-testid="active-sessions">{t("activeSessions", { n: activeSessions })}</span>
      <button
        type="button"
        disabled={end.isPending}
        onClick={() => end.mutate()}
        className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-60"
      >
        {end.isPending ? t("endingSessions") : t("endSessions")}
      </button>
      {ended && (
        <span role="status" className={`text-xs ${ended.ok ? "text-green-700" : "text-red-700"}`}>
          {ended.ok ? t("sessionsEnded", { n: ended.data.ended }) : ended.message}
        </span>
      )}
      {lockedUntil && (
        <>
          <span className="text-xs text-red-800" data-testid="sign-in-locked">
            {t("lockedUntil", { time: lockedUntil })}
          </span>
          <button
            type="button"
            disabled={unlock.isPending}
            onClick={() => unlock.mutate()}
            className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-60"
          >
            {t("unlock")}
          </button>
        </>
      )}
      {unlocked && (
        <span role="status" className={`text-xs ${unlocked.ok ? "text-green-700" : "text-red-700"}`}>
          {unlocked.ok ? (unlocked.data.unlocked ? t("unlocked") : t("notLocked")) : unlocked.message}
        </span>
      )}
    </div>
  );
}
