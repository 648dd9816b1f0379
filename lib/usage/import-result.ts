// What an import (or the confirmation of a staged one) reports: to the upload page, the
// command's JSON and the audit log. Types only, so the page's client code can use them.
import type { ProjectChange } from "./usage-changes";
import type { RowError, UsageFormat } from "./usage-row";

export type { ProjectChange } from "./usage-changes";

export interface CurrencyTotals {
  cost: string;
  credits: string;
  net: string;
}

export type ScopeStatus =
  /** No usage of this billing account and month was billed before. */
  | "new"
  /** The file's rows equal what is billed: nothing to do. */
  | "unchanged"
  /** The file's rows differ from what is billed: they replace it once finance confirms. */
  | "changed"
  /** The file's rows are added to what is billed (an export delivered in parts). */
  | "appended";

export interface ScopeSummary {
  billingAccountId: string;
  month: string;
  rows: number;
  status: ScopeStatus;
  /** Rows billed for the scope before this file (0 for a new scope). */
  previousRows: number;
}

/** An invoice the change reached: sent back to draft, or (released) the reason it was refused. */
export interface InvoiceReached {
  id: string;
  month: string;
  number: string | null;
  customerCode: string;
  customerName: string;
  status: string;
}

interface Imported {
  batchId: string;
  format: UsageFormat;
  fileSha256: string;
  rows: number;
  months: string[];
  scopes: ScopeSummary[];
  projects: number;
  totals: Record<string, CurrencyTotals>;
  perProject: Array<{ projectId: string; currency: string; net: string }>;
}

/** Why nothing was written. Codes are translated on screen (lib/i18n/refusals.ts). */
export const IMPORT_REFUSAL_CODES = [
  "usage-invalid-file",
  "usage-duplicate-rows",
  "usage-invoice-released",
  "usage-stale-preview",
  "usage-not-staged",
] as const;
export type ImportRefusalCode = (typeof IMPORT_REFUSAL_CODES)[number];

export type ImportResult =
  | ({ status: "imported" } & Imported)
  | ({
      status: "replaced" | "appended";
      changes: ProjectChange[];
      returnedToDraft: InvoiceReached[];
      draftsRegenerated: number;
    } & Imported)
  | {
      /** Every row is already billed for its scopes: nothing was written. */
      status: "already-imported";
      batchIds: string[];
      format: UsageFormat;
      fileSha256: string;
      rows: number;
      months: string[];
      scopes: ScopeSummary[];
    }
  | ({
      /**
       * The file changes months already billed: its rows wait for finance to confirm the
       * replacement (or an append). `staged` says whether they were kept for a confirmation by
       * batch id (the upload page) or not (the command: run it again with --replace).
       */
      status: "preview";
      staged: boolean;
      changes: ProjectChange[];
      /** Released invoices the replacement would change: it will be refused. */
      released: InvoiceReached[];
      /** Submitted or approved invoices confirming would send back to draft, their approvals voided. */
      returnsToDraft: InvoiceReached[];
    } & Imported)
  | {
      status: "refused";
      code: ImportRefusalCode;
      format: UsageFormat | null;
      fileSha256: string;
      rows: number;
      errorCount: number;
      errors: RowError[];
      /** Released invoices that block the change (usage-invoice-released). */
      released?: InvoiceReached[];
      message: string;
    };
