// Every screen is in Japanese and English. Messages live in one file per area under
// messages/, each with the same keys in both languages (checked by the compiler).
export const LOCALES = ["ja", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ja";
export const LOCALE_COOKIE = "locale";

export type Messages<K extends string> = { en: Record<K, string>; ja: Record<K, string> };

export function defineMessages<const E extends Record<string, string>>(messages: {
  en: E;
  ja: { [K in keyof E]: string };
}): Messages<Extract<keyof E, string>> {
  return messages as Messages<Extract<keyof E, string>>;
}

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number | bigint>) => string;

export function translator<K extends string>(messages: Messages<K>, locale: Locale): Translate<K> {
  const table = messages[locale];
  return (key, vars) => {
    const text = table[key] ?? messages.en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

export function isLocale(value: unknown): value is Locale {
  return value === "ja" || value === "en";
}
