import "server-only";
// The admin page's view of the audit chain. Verifying walks every event (a full walk is the
// point: an old row changed behind the application's back must be found), which grows with
// the log; so the last result is kept in this server process with the time it was taken and
// reused for a few minutes, unless someone asks to verify again. One walk at a time: pages
// opened while a walk runs wait for it instead of starting their own. (Per process: a second
// server instance keeps its own result; nothing is stored in the database.)
import { verifyAuditChain, type ChainStatus } from "./verify-audit-chain";

export const CHAIN_STATUS_MAX_AGE_MS = 5 * 60_000;

export interface CheckedChainStatus {
  status: ChainStatus;
  checkedAt: Date;
  /** True when this is a kept result rather than a walk made for this request. */
  cached: boolean;
}

let last: { status: ChainStatus; checkedAt: Date } | null = null;
let running: Promise<{ status: ChainStatus; checkedAt: Date }> | null = null;

export async function getChainStatus({
  force = false,
  now = () => new Date(),
}: {
  force?: boolean;
  now?: () => Date;
} = {}): Promise<CheckedChainStatus> {
  if (!force && last && now().getTime() - last.checkedAt.getTime() < CHAIN_STATUS_MAX_AGE_MS)
    return { ...last, cached: true };
  running ??= verifyAuditChain()
    .then((status) => (last = { status, checkedAt: now() }))
    .finally(() => {
      running = null;
    });
  return { ...(await running), cached: false };
}
