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

export interface RowError {
  line: number;
  column: string;
  reason: string;
}

export type UsageFormat = "GCP_CSV" | "GCP_JSONL" | "FOCUS_CSV";
