// How long a submitted invoice may wait for its approvers before the console points it out
// (the home page's blockers and the drafts list's "waiting" filter): a constant, not a setting,
// because it only decides what is highlighted, never what is allowed.
export const APPROVAL_WAIT_ALERT_DAYS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Submitted before this instant means waiting longer than the alert. */
export function approvalWaitCutoff(now: Date, days = APPROVAL_WAIT_ALERT_DAYS): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
