// The setting keys the console reads and an admin changes, named once.
export const SETTING_KEYS = {
  threshold: "gate.twoApproverThresholdJpy",
  prefix: "invoice.numberPrefix",
  fiscalYearStartMonth: "invoice.fiscalYearStartMonth",
  issuer: "issuer",
} as const;
