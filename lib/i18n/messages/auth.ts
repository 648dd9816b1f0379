import { defineMessages } from "../define";

export const authMessages = defineMessages({
  en: {
    title: "Sign in",
    intro: "Sign in to the Billing Console.",
    oidcButton: "Sign in with {provider}",
    demoTitle: "Demo users",
    demoIntro: "This console runs on demo data. Choose a user to sign in as.",
    demoSignIn: "Sign in",
    expired: "Your session has ended (15 minutes without activity, or 12 hours since sign-in). Sign in again.",
    failed: "Sign-in failed. The attempt has been recorded.",
    accessDenied: "Your account is not allowed to sign in: no console role is mapped to it, or it is disabled.",
    noProviders:
      "No sign-in method is configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (see README).",
    signingIn: "Signing in…",
    accountLocked:
      "This account is locked for 30 minutes after 10 failed sign-ins in a row. Try again later, or ask an " +
      "administrator to unlock it.",
    tooManyAttempts: "Too many failed sign-ins from your network. Try again in 15 minutes.",
  },
  ja: {
    title: "サインイン",
    intro: "請求コンソールにサインインします。",
    oidcButton: "{provider} でサインイン",
    demoTitle: "デモユーザー",
    demoIntro: "このコンソールはデモデータで動作しています。サインインするユーザーを選んでください。",
    demoSignIn: "サインイン",
    expired: "セッションが終了しました(15分間操作がないか、サインインから12時間経過)。もう一度サインインしてください。",
    failed: "サインインに失敗しました。この試行は記録されました。",
    accessDenied: "このアカウントはサインインできません。ロールが割り当てられていないか、無効化されています。",
    noProviders:
      "サインイン方法が設定されていません。OIDC_ISSUER、OIDC_CLIENT_ID、OIDC_CLIENT_SECRET " +
      "を設定してください(README参照)。",
    signingIn: "サインイン中…",
    accountLocked:
      "サインインに10回続けて失敗したため、このアカウントは30分間ロックされています。" +
      "時間をおいてから試すか、管理者にロック解除を依頼してください。",
    tooManyAttempts: "このネットワークからのサインイン失敗が多すぎます。15分後にもう一度お試しください。",
  },
});
