// The admin page's chain status: a kept result for a few minutes, a fresh walk on request,
// one walk at a time.
import { describe, expect, it } from "vitest";
import { CHAIN_STATUS_MAX_AGE_MS, getChainStatus } from "@/lib/audit/chain-status-cache";
import { recordAuditEventNow } from "@/lib/audit/record-audit-event";

describe("getChainStatus", () => {
  it("walks the chain, keeps the result a while, and walks again when asked or when it is old", async () => {
    await recordAuditEventNow({ actor: null, action: "test.chain-status" });
    const first = await getChainStatus({ force: true });
    expect(first).toMatchObject({ cached: false, status: { ok: true, broken: null } });
    expect(first.status.verified).toBeGreaterThan(0);

    await recordAuditEventNow({ actor: null, action: "test.chain-status" });
    const kept = await getChainStatus();
    expect(kept).toMatchObject({ cached: true, checkedAt: first.checkedAt });
    expect(kept.status.verified).toBe(first.status.verified);

    const fresh = await getChainStatus({ force: true });
    expect(fresh.cached).toBe(false);
    expect(fresh.status.verified).toBe(first.status.verified + 1);

    const later = await getChainStatus({
      now: () => new Date(fresh.checkedAt.getTime() + CHAIN_STATUS_MAX_AGE_MS + 1),
    });
    expect(later.cached).toBe(false);
  });

  it("shares one walk between pages opened while it runs", async () => {
    const [a, b] = await Promise.all([getChainStatus({ force: true }), getChainStatus({ force: true })]);
    expect(a.checkedAt).toBe(b.checkedAt);
    expect(a.status).toBe(b.status);
  });
});
