"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useT } from "@/lib/i18n/client";
import { authMessages } from "@/lib/i18n/messages/auth";
import { button, cx } from "@/components/ui/styles";

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
      className={cx(
        "w-full rounded-md px-4 py-2.5 font-medium",
        "bg-slate-900 text-white hover:bg-slate-700 disabled:opacity-60",
      )}
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
      className={`${button("secondary", "sm")} font-medium disabled:opacity-60`}
    >
      {pending ? t("signingIn") : t("demoSignIn")}
    </button>
  );
}
