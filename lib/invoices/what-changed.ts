// Where the approval queue's "What changed" link leads: the invoice's history comparing the
// current version with the last version a manager decided on (approved or rejected), when that
// is an older version: that is what changed since someone last looked. Otherwise (a first
// submission, or a decision on this very version) with the draft computed from usage, the
// history page's default: what finance changed by hand.
export interface Decision {
  version: number;
  /** When it was made; the latest counts. */
  at: Date;
}

export function whatChangedHref(invoiceId: string, currentVersion: number, decisions: readonly Decision[]): string {
  const last = [...decisions].sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  const base = `/invoices/${invoiceId}/history`;
  return last && last.version < currentVersion ? `${base}?a=${last.version}&b=${currentVersion}` : base;
}
