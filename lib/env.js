// The environment, validated once with zod. next.config.mjs imports this file, so `next build`
// and `next start` stop with a message naming any missing or malformed variable.
// JavaScript (with JSDoc types) because next.config.mjs loads it before TypeScript is set up.
import { parseEnv } from "./env-schema.js";

export const env = parseEnv(process.env);

/** OIDC is on when its three settings are present. */
export const oidcEnabled = Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);

/**
 * Demo sign-in: on by default only with the embedded demo database (which `npm start` runs,
 * even as a production build); against a real DATABASE_URL it is off unless DEMO_SIGN_IN=true.
 */
export const demoSignInEnabled = env.DEMO_SIGN_IN ?? env.EMBEDDED_DATABASE;
