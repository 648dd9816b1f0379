"use client";
import { createContext, useContext, useMemo } from "react";
import { DEFAULT_LOCALE, translator, type Locale, type Messages } from "./define";

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function LocaleProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale() {
  return useContext(LocaleContext);
}

/** Client components: `const t = useT(usageMessages)`. */
export function useT<K extends string>(messages: Messages<K>) {
  const locale = useLocale();
  return useMemo(() => translator(messages, locale), [messages, locale]);
}
