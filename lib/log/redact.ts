// What the logger censors wherever it appears (top level or one level down): contact details,
// names, credentials, cookies and bank details. The rule is still not to pass them at all;
// this is the net under it.
const SENSITIVE_KEYS = [
  "email",
  "name",
  "displayName",
  "contactName",
  "phone",
  "token",
  "accessToken",
  "idToken",
  "refreshToken",
  "secret",
  "password",
  "authorization",
  "cookie",
  "cookies",
  "set-cookie",
  "bankAccount",
  "bank",
  "accountNumber",
];

export const REDACT_PATHS: string[] = SENSITIVE_KEYS.flatMap((key) => {
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const join = (prefix: string) => (safe.startsWith("[") ? `${prefix}${safe}` : `${prefix}.${safe}`);
  return [safe, join("*"), join("headers"), join("*.headers")];
});
