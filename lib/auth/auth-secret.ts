import { randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * The secret the session cookie is encrypted with. Production requires NEXTAUTH_SECRET (see
 * lib/env-schema.js); a development run without one gets a random secret for the life of the
 * process, so its sessions end when it restarts.
 */
export const AUTH_SECRET: string = env.NEXTAUTH_SECRET ?? randomBytes(32).toString("hex");
