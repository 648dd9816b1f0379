// An audit event's reason as a person reads it. A refusal records its rule (and the rule's
// values) beside the English detail; the log shows the rule's text in the reader's language.
// Reasons people wrote (a rejection, a correction) and services' errors are shown as recorded.
import type { Locale } from "@/lib/i18n/define";
import { refusalText, type RefusalParams } from "@/lib/i18n/refusals";

/** A refusal recorded before rules were kept in metadata: "rule: detail" or "action: rule". */
const RULE_FIRST = /^([a-z][a-z0-9-]*): /;
const RULE_LAST = /^[a-zA-Z][\w.]*: ([a-z][a-z0-9-]*)$/;

export function auditReasonText(
  event: { outcome: string; reason: string | null; metadata: unknown },
  locale: Locale,
): string | null {
  if (!event.reason) return null;
  if (event.outcome !== "REFUSED") return event.reason;
  const metadata = (event.metadata ?? {}) as { rule?: unknown; params?: unknown };
  const rule =
    typeof metadata.rule === "string"
      ? metadata.rule
      : (RULE_FIRST.exec(event.reason)?.[1] ?? RULE_LAST.exec(event.reason)?.[1] ?? null);
  const params =
    metadata.params && typeof metadata.params === "object" ? (metadata.params as RefusalParams) : undefined;
  const text = rule ? refusalText(rule, locale, params) : null;
  // A text whose values were not recorded would show its placeholders: the recorded reason says more.
  return text && !/\{\w+\}/.test(text) ? text : event.reason;
}
