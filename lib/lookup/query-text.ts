// Pure helpers that turn what was typed into the search box into what each index matches.
import { z } from "zod";
import { MAX_SEARCH_LENGTH, searchText } from "@/lib/http/search-params";
import { normalizeForSearch } from "./normalize";

export const MAX_QUERY_LENGTH = MAX_SEARCH_LENGTH;

/** The lookup page's query string (lib/http/search-params.ts). */
export const lookupSearchSchema = z.object({ q: searchText(MAX_QUERY_LENGTH).optional() });

/** LIKE pattern for "contains", with the pattern's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, "\\$&")}%`;
}

/**
 * Identifiers (project ids, billing accounts, invoice numbers) keep their hyphens, which
 * normalizeForSearch drops: only width and case are folded.
 */
export function foldIdentifier(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase();
}

/**
 * An amount typed as digits, with or without thousands separators and a yen sign or 円
 * ("¥1,234,567", "１２３４円", "1 234"), as integer yen; null when the query is not one.
 */
export function parseAmountJpy(text: string): bigint | null {
  const folded = text
    .normalize("NFKC")
    .trim()
    .replace(/^(¥|\\|jpy)\s*/i, "")
    .replace(/\s*(円|jpy)$/i, "");
  if (!/^(\d{1,3}([,\s]\d{3})+|\d+)$/.test(folded)) return null;
  const digits = folded.replace(/[,\s]/g, "");
  if (digits.length > 15) return null;
  return BigInt(digits);
}

export interface SearchTerms {
  /** As typed, trimmed and capped. */
  query: string;
  /** normalizeForSearch(query): compared with Customer.searchText. */
  folded: string;
  /** Width- and case-folded, hyphens kept: compared with ids and numbers. */
  identifier: string;
  /** Exact customer code candidate (codes are upper-case). */
  code: string;
  amountJpy: bigint | null;
}

export function searchTerms(typed: string): SearchTerms {
  const query = typed.trim().slice(0, MAX_QUERY_LENGTH);
  const identifier = foldIdentifier(query);
  return {
    query,
    folded: normalizeForSearch(query),
    identifier,
    code: identifier.toUpperCase(),
    amountJpy: parseAmountJpy(query),
  };
}
