"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { authMessages } from "@/lib/i18n/messages/auth";

export function OidcSignInButton({ provider, callbackUrl }: { provider: string; callbackUrl: string }) {
  const t = useT(authMessages);
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl });
      }}
      className="w-full rounded-md bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
    >
      {pending ? t("signingIn") : t("oidcButton", { provider })}
    </button>
  );
}

export function DemoSignInButton({
  userId,
  label,
  callbackUrl,
}: {
  userId: string;
  label: string;
  callbackUrl: string;
}) {
  const t = useT(authMessages);
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      aria-label={`${t("demoSignIn")}: ${label}`}
      onClick={() => {
        setPending(true);
        void signIn("demo", { userId, callbackUrl });
      }}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60"
    >
      {pending ? t("signingIn") : t("demoSignIn")}
    </button>
  );
}
