"use client";
// The lookup's one search box: focused on arrival, Enter searches, the query lives in the URL
// (?q=) so a result can be shared and Back returns to it. Without JavaScript the form is a
// plain GET to the same page.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useT } from "@/lib/i18n/client";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import { button, cx } from "@/components/ui/styles";

export function SearchBox({ initial }: { initial: string }) {
  const t = useT(lookupMessages);
  const router = useRouter();
  const [value, setValue] = useState(initial);
  const [pending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);
  // The lookup page is this box: arriving here (or at a new query) is asking to type.
  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  return (
    <search>
      <form
        action="/lookup"
        method="get"
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const q = value.trim();
          startTransition(() => router.push(q ? `/lookup?q=${encodeURIComponent(q)}` : "/lookup"));
        }}
      >
        <label htmlFor="lookup-q" className="sr-only">
          {t("searchLabel")}
        </label>
        <input
          id="lookup-q"
          name="q"
          ref={inputRef}
          type="search"
          autoComplete="off"
          maxLength={100}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={t("searchPlaceholder")}
          aria-describedby="lookup-q-hint"
          className={cx(
            "w-full max-w-xl rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm",
            "focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-300",
          )}
        />
        <button type="submit" disabled={pending} aria-live="polite" className={`${button("primary")} font-medium`}>
          {pending ? t("searching") : t("searchButton")}
        </button>
        <span id="lookup-q-hint" className="sr-only">
          {t("searchHint")}
        </span>
      </form>
    </search>
  );
}
