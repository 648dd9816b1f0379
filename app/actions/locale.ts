"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/define";

const schema = z.object({ locale: z.enum(LOCALES) });

// The language choice is a display preference, not a state change of the domain: it needs no
// sign-in and writes no audit event.
export async function setLocaleAction(input: z.input<typeof schema>) {
  const { locale } = schema.parse(input);
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  return { ok: true as const };
}
