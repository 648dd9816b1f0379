// Refused requests leave a trace without letting a flood grow the audit chain without bound: per
// client address (an IPv6 address by its /64) and minute, the first few are audit events with
// their Origin and reason; the rest are counted in PostgreSQL and summarised by one event once the
// minute is over, exactly once however many instances record and summarise at the same time.
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import {
  recordRefusedRequest,
  REFUSED_REQUEST,
  summarizeSuppressedRefusals,
  SUPPRESSED_REFUSALS,
} from "@/lib/audit/record-refused-request";

const LIMIT = 5;
// A minute of its own per test, far from the clock, so tests never share a window.
const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + (randomInt(1, 500_000) * 60 + n * 60) * 1000);
const at = (start: Date, seconds: number) => new Date(start.getTime() + seconds * 1000);

const refusal = (ip: string, reason: string) => ({
  ip,
  origin: "https://evil.example",
  reason,
  action: "invoice.release",
  userAgent: "flood/1.0",
  refusedBy: "action" as const,
  serverAction: "7f3a9c",
});

async function refusedEvents(ips: string[]) {
  return db.auditEvent.findMany({ where: { action: REFUSED_REQUEST, ip: { in: ips } }, orderBy: { seq: "asc" } });
}
async function summaries(client: string) {
  return db.auditEvent.findMany({ where: { action: SUPPRESSED_REFUSALS, targetId: client }, orderBy: { seq: "asc" } });
}

describe("refused requests", () => {
  it("records the first few per address and minute, counts the rest, and summarises them once", async () => {
    const ip = `198.51.${randomInt(0, 255)}.${randomInt(1, 255)}`;
    const start = minute(0);
    const results = [];
    for (let i = 0; i < 12; i++) {
      const reason = i % 3 === 0 ? "invalid-session-token" : "no-session";
      results.push(await recordRefusedRequest(refusal(ip, reason), { now: at(start, i), limit: LIMIT }));
    }
    expect(results.map((r) => r.recorded)).toEqual([...Array(LIMIT).fill(true), ...Array(12 - LIMIT).fill(false)]);
    const events = await refusedEvents([ip]);
    expect(events).toHaveLength(LIMIT);
    expect(events[0]).toMatchObject({
      outcome: "REFUSED",
      reason: "invalid-session-token",
      ip,
      userAgent: "flood/1.0",
      actorEmail: "anonymous",
      targetType: "request",
      targetId: "invoice.release",
      metadata: {
        origin: "https://evil.example",
        attempted: "invoice.release",
        client: ip,
        refusedBy: "action",
        serverAction: "7f3a9c",
      },
    });
    expect(events.at(-1)?.metadata).toMatchObject({ limitReached: true, limitPerMinute: LIMIT });

    // While the minute lasts there is nothing to summarise; another address is counted on its own.
    await summarizeSuppressedRefusals({ now: at(start, 30), limit: LIMIT });
    expect(await summaries(ip)).toHaveLength(0);
    const other = `203.0.113.${randomInt(1, 255)}`;
    expect(
      await recordRefusedRequest(refusal(other, "no-session"), { now: at(start, 31), limit: LIMIT }),
    ).toMatchObject({
      recorded: true,
    });

    const { summarized } = await summarizeSuppressedRefusals({ now: at(start, 61), limit: LIMIT });
    expect(summarized).toBeGreaterThanOrEqual(1);
    const [summary, ...more] = await summaries(ip);
    expect(more).toHaveLength(0);
    expect(summary).toMatchObject({
      outcome: "REFUSED",
      reason:
        `7 more refused requests from ${ip} in the minute from ${start.toISOString()} ` +
        "were not recorded one by one",
      metadata: {
        client: ip,
        suppressed: 12 - LIMIT,
        total: 12,
        recorded: LIMIT,
        reasons: { "invalid-session-token": 4, "no-session": 8 },
      },
    });
    // Summarised once: running it again (another worker, the next minute) adds nothing.
    await summarizeSuppressedRefusals({ now: at(start, 125), limit: LIMIT });
    expect(await summaries(ip)).toHaveLength(1);
    expect(await summaries(other)).toHaveLength(0);

    // The next minute starts afresh.
    expect(await recordRefusedRequest(refusal(ip, "no-session"), { now: at(start, 70), limit: LIMIT })).toMatchObject({
      recorded: true,
    });
    expect(await refusedEvents([ip])).toHaveLength(LIMIT + 1);
  });

  it("counts an IPv6 /64 as one client, and summarises at its next refusal after the minute", async () => {
    const net = `2001:db8:${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}`;
    const start = minute(0);
    const ips = Array.from({ length: 9 }, (_, i) => `${net}::${(i + 1).toString(16)}`);
    for (const [i, ip] of ips.entries())
      await recordRefusedRequest(refusal(ip, "foreign-origin"), { now: at(start, i), limit: LIMIT });
    expect(await refusedEvents(ips)).toHaveLength(LIMIT);
    // No worker needed: the client's first refusal of the next minute summarises the closed one.
    expect(await summaries(`${net}::/64`)).toHaveLength(0);
    // Another client over the limit in the same minute: not summarised on this client's request.
    const other = `198.51.100.${randomInt(1, 255)}`;
    for (let i = 0; i < LIMIT + 2; i++)
      await recordRefusedRequest(refusal(other, "no-session"), { now: at(start, 20 + i), limit: LIMIT });
    await recordRefusedRequest(refusal(`${net}::ff`, "foreign-origin"), { now: at(start, 61), limit: LIMIT });
    const [summary] = await summaries(`${net}::/64`);
    expect(summary?.metadata).toMatchObject({ suppressed: 4, total: 9, reasons: { "foreign-origin": 9 } });
    expect(await summaries(other)).toHaveLength(0);
    // The scheduled job's pass summarises every client's.
    await summarizeSuppressedRefusals({ now: at(start, 62), limit: LIMIT });
    expect(await summaries(other)).toHaveLength(1);
  });

  it("a flood from several instances at once: exactly the limit recorded and one summary of the rest", async () => {
    const ip = `192.0.2.${randomInt(1, 255)}`;
    const start = minute(0);
    const flood = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        recordRefusedRequest(refusal(ip, "no-session"), { now: at(start, i % 50), limit: LIMIT }),
      ),
    );
    expect(flood.filter((r) => r.recorded)).toHaveLength(LIMIT);
    expect(await refusedEvents([ip])).toHaveLength(LIMIT);
    await Promise.all([1, 2, 3].map(() => summarizeSuppressedRefusals({ now: at(start, 65), limit: LIMIT })));
    const found = await summaries(ip);
    expect(found).toHaveLength(1);
    expect(found[0]?.metadata).toMatchObject({ suppressed: 60 - LIMIT, total: 60 });
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});
