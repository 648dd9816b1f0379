import "server-only";
import { cookies } from "next/headers";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, translator, type Locale, type Messages } from "./define";

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** Server components: `const t = await getT(usageMessages)`. */
export async function getT<K extends string>(messages: Messages<K>) {
  return translator(messages, await getLocale());
}
