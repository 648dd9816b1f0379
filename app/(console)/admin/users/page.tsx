import { requirePermission } from "@/lib/dal/actor";
import { listUsers } from "@/lib/users/update-user-access";
import { getLocale, getT } from "@/lib/i18n/server";
import { adminMessages } from "@/lib/i18n/messages/admin";
import { formatDateTime } from "@/lib/i18n/format";
import { UserAccessForm } from "@/components/admin/user-access-form";
import { UserSessionControls } from "@/components/admin/user-session-controls";

export default async function UsersPage() {
  await requirePermission("admin.users");
  const t = await getT(adminMessages);
  const locale = await getLocale();
  const users = await listUsers();
  return (
    <div className="max-w-5xl">
      <h1 className="text-2xl font-semibold">{t("users")}</h1>
      <p className="mt-2 text-slate-600">{t("usersDesc")}</p>
      {users.length === 0 ? (
        <p className="mt-6 rounded-md border border-slate-200 bg-white p-4">{t("noUsers")}</p>
      ) : (
        <table className="mt-6 w-full border-collapse bg-white text-sm shadow-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="px-3 py-2">{t("name")}</th>
              <th className="px-3 py-2">{t("email")}</th>
              <th className="px-3 py-2">{t("lastSignIn")}</th>
              <th className="px-3 py-2">{t("roles")}</th>
              <th className="px-3 py-2">{t("sessions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-t border-slate-100 align-top" data-testid={`user-row-${user.email}`}>
                <td className="px-3 py-2">{user.name}</td>
                <td className="px-3 py-2">{user.email}</td>
                <td className="px-3 py-2">
                  {user.lastSignInAt ? formatDateTime(user.lastSignInAt, locale) : t("never")}
                </td>
                <td className="px-3 py-2">
                  <UserAccessForm userId={user.id} roles={user.roles} active={user.active} />
                </td>
                <td className="px-3 py-2">
                  <UserSessionControls
                    userId={user.id}
                    email={user.email}
                    activeSessions={user.activeSessions}
                    lockedUntil={user.lockedUntil ? formatDateTime(user.lockedUntil, locale) : null}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
