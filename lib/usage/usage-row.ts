// One usage row as the console keeps it, whatever the export format. Amounts, quantities and
// rates stay decimal strings as written in the file: never parsed into floats.
export interface UsageRow {
  lineNo: number;
  invoiceMonth: string;
  billingAccountId: string;
  projectId: string;
  projectName: string | null;
  serviceId: string;
  serviceDescription: string;
  skuId: string;
  skuDescription: string;
  usageStart: string | null;
  usageEnd: string | null;
  region: string | null;
  labels: string | null;
  cost: string;
  credits: string;
  creditDetail: string | null;
  currency: string;
  conversionRate: string | null;
  usageAmount: string | null;
  usageUnit: string | null;
  costType: string | null;
}

/** Why a row (or the file) is refused: a code screens translate, its values, and English for logs and the CLI. */
export interface RowError {
  line: number;
  column: string;
  code: RowErrorCode;
  params?: Record<string, string | number>;
  reason: string;
}

export type RowErrorCode =
  | "empty"
  | "not-a-number"
  | "number-out-of-range"
  | "too-many-decimals"
  | "unknown-currency"
  | "not-a-date"
  | "impossible-date"
  | "date-out-of-range"
  | "not-a-month"
  | "month-missing"
  | "billing-period-missing"
  | "invalid-json"
  | "not-a-list"
  | "not-a-json-object"
  | "control-character"
  | "field-count"
  | "missing-columns"
  | "unknown-format"
  | "empty-file"
  | "no-rows"
  | "duplicate-row";

export type UsageFormat = "GCP_CSV" | "GCP_JSONL" | "FOCUS_CSV";
