import { describe, expect, it } from "vitest";
import { GENESIS_HASH, canonicalEvent, chainHash, verifyChainSegment, type ChainedFields } from "./hash-chain";

function event(seq: bigint, overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    seq,
    occurredAt: new Date(Date.UTC(2026, 10, 1, 9, 0, Number(seq))),
    actorId: null,
    actorEmail: "finance@example.jp",
    action: "invoice.edit",
    targetType: "invoice",
    targetId: "inv-1",
    outcome: "SUCCESS",
    reason: null,
    ip: "10.0.0.1",
    userAgent: "test",
    before: { amountJpy: "100", description: "a" },
    after: { amountJpy: "200", description: "a" },
    metadata: null,
    ...overrides,
  };
}

function chain(n: number) {
  const out: Array<ChainedFields & { prevHash: string; hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = event(BigInt(i));
    const hash = chainHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("audit hash chain", () => {
  it("canonical text does not depend on key order (jsonb reorders keys)", () => {
    const a = canonicalEvent(event(1n, { after: { b: 1, a: { y: 2, x: 1 } } }));
    const b = canonicalEvent(event(1n, { after: { a: { x: 1, y: 2 }, b: 1 } }));
    expect(a).toBe(b);
  });

  it("accepts an intact chain", () => {
    const result = verifyChainSegment(chain(5), null);
    expect(result).toEqual({ ok: true, last: { seq: 5n, hash: chain(5)[4]!.hash }, count: 5 });
  });

  it("names the first changed event", () => {
    const events = chain(5);
    events[2] = { ...events[2]!, after: { amountJpy: "999", description: "a" } };
    expect(verifyChainSegment(events, null)).toEqual({ ok: false, broken: { seq: 3n, problem: "hash" } });
  });

  it("detects a removed event as a gap", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyChainSegment(events, null)).toEqual({ ok: false, broken: { seq: 3n, problem: "gap" } });
  });

  it("detects a re-hashed event by the next event's link", () => {
    const events = chain(4);
    const forged = { ...events[1]!, reason: "forged" };
    forged.hash = chainHash(forged.prevHash, forged);
    events[1] = forged;
    expect(verifyChainSegment(events, null)).toEqual({ ok: false, broken: { seq: 3n, problem: "prev-hash" } });
  });
});
