// A real OpenID Connect provider (the oidc-provider package) for the end-to-end tests and for
// trying single sign-on locally. Its built-in development login accepts any login name; the
// accounts below decide the e-mail and groups each login gets.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_TEST_PORT ?? 3199);
const consoleUrl = process.env.OIDC_TEST_CONSOLE_URL ?? "http://localhost:3100";
const TEST_CLIENT = { id: "billing-console", secret: "billing-console-test-secret" };

/** login -> claims. Groups map to roles through OIDC_ROLE_MAP in the console's environment. */
const ACCOUNTS: Record<string, { email: string; name: string; groups: string[] }> = {
  "sso.finance": {
    email: "sso.finance@corp.example",
    name: "SSO 経理 (SSO Finance)",
    groups: ["billing-finance", "all-staff"],
  },
  "sso.manager": { email: "sso.manager@corp.example", name: "SSO 承認 (SSO Manager)", groups: ["billing-approvers"] },
  "sso.nobody": { email: "sso.nobody@corp.example", name: "SSO 権限なし (No role)", groups: ["all-staff"] },
};

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: TEST_CLIENT.id,
      client_secret: TEST_CLIENT.secret,
      redirect_uris: [`${consoleUrl}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  // Put the requested claims into the ID token, which is what the console reads.
  conformIdTokenClaims: false,
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
  cookies: { keys: ["oidc-test-cookie-key"] },
  pkce: { required: () => true },
  async findAccount(_ctx, sub) {
    const account = ACCOUNTS[sub];
    if (!account) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email: account.email, email_verified: true, name: account.name, groups: account.groups };
      },
    };
  },
});

provider.listen(port, () => console.log(`[oidc] test provider on http://localhost:${port}`));
