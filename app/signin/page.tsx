import { redirect } from "next/navigation";
import { listDemoUsers } from "@/lib/auth/demo-users";
import { getActor } from "@/lib/dal/actor";
import { env, oidcEnabled } from "@/lib/env";
import { parseSignInSearch } from "@/lib/auth/sign-in-search";
import { getT } from "@/lib/i18n/server";
import { authMessages } from "@/lib/i18n/messages/auth";
import { shellMessages } from "@/lib/i18n/messages/shell";
import { DemoSignInButton, OidcSignInButton } from "@/components/auth/sign-in-buttons";
import { panel } from "@/components/ui/styles";

export const metadata = { title: "Sign in / サインイン" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Only a path on the console itself may be the destination (lib/http/safe-redirect.ts).
  const { destination: callbackUrl, notice } = parseSignInSearch(await searchParams);
  if (await getActor()) redirect(callbackUrl);
  const t = await getT(authMessages);
  const ts = await getT(shellMessages);
  const demoUsers = await listDemoUsers();
  const message = notice ? t(notice) : null;
  return (
    <main className="mx-auto mt-16 max-w-xl px-4">
      <h1 className="text-2xl font-semibold">{ts("appName")}</h1>
      <p className="mt-1 text-slate-600">{t("intro")}</p>
      {message && (
        <p role="alert" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          {message}
        </p>
      )}
      <div className="mt-6 space-y-6">
        {oidcEnabled && <OidcSignInButton provider={env.OIDC_DISPLAY_NAME} callbackUrl={callbackUrl} />}
        {demoUsers.length > 0 && (
          <section aria-labelledby="demo-users" className={`${panel} p-4`}>
            <h2 id="demo-users" className="font-medium">
              {t("demoTitle")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("demoIntro")}</p>
            <ul className="mt-3 divide-y divide-slate-100">
              {demoUsers.map((user) => (
                <li
                  key={user.id}
                  className="flex items-center justify-between gap-4 py-2"
                  data-testid={`demo-user-${user.email}`}
                >
                  <div>
                    <div className="font-medium">{user.name}</div>
                    <div className="text-xs text-slate-500">
                      {user.email} · {user.roles.map((r) => ts(`role${r}`)).join(", ")}
                    </div>
                  </div>
                  <DemoSignInButton userId={user.id} label={user.email} callbackUrl={callbackUrl} />
                </li>
              ))}
            </ul>
          </section>
        )}
        {!oidcEnabled && demoUsers.length === 0 && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-red-900">
            {t("noProviders")}
          </p>
        )}
      </div>
    </main>
  );
}
