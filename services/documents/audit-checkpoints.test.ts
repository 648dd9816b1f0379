// The document service's audit checkpoints over real HTTP (port 0, a temp data dir): stored once
// per sequence number, never replaced, listed in order a page at a time, kept across a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startDocumentsServer } from "./server";

const TOKEN = "test-docs-token";
const dirs: string[] = [];
const services: { close: () => Promise<void> }[] = [];

type Checkpoint = { id: string; seq: string; hash: string; occurredAt: string; trigger: string; receivedAt: string };

async function start(dataDir = mkdtempSync(path.join(tmpdir(), "checkpoints-test-"))) {
  dirs.push(dataDir);
  const service = await startDocumentsServer({ port: 0, token: TOKEN, dataDir });
  services.push(service);
  return { service, dataDir };
}

async function call(baseUrl: string, method: string, urlPath: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (key) headers["idempotency-key"] = key;
  const response = await fetch(baseUrl + urlPath, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Checkpoint & { items: Checkpoint[]; error: string; checkpoint: Checkpoint };
  return { status: response.status, headers: response.headers, json };
}

const hash = (n: number) => n.toString(16).padStart(64, "0");
const head = (seq: number, overrides: Record<string, unknown> = {}) => ({
  seq: String(seq),
  hash: hash(seq),
  occurredAt: "2026-12-03T01:00:00.000Z",
  trigger: "schedule",
  ...overrides,
});

let url: string;
beforeEach(async () => {
  url = (await start()).service.url;
});

afterAll(async () => {
  await Promise.all(services.map((service) => service.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("audit checkpoints", () => {
  it("stores a head once: the same key replays, the same head under another key answers the stored one", async () => {
    const stored = await call(url, "POST", "/audit-checkpoints", head(7), "k1");
    expect(stored.status).toBe(201);
    expect(stored.json).toMatchObject({ seq: "7", hash: hash(7), trigger: "schedule" });
    expect(stored.json.id).toMatch(/^ckpt-/);
    expect(Date.parse(stored.json.receivedAt)).not.toBeNaN();
    const replay = await call(url, "POST", "/audit-checkpoints", head(7), "k1");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json).toEqual(stored.json);
    const again = await call(url, "POST", "/audit-checkpoints", head(7, { trigger: "release" }), "k2");
    expect(again.status).toBe(200);
    expect(again.json).toEqual(stored.json);
  });

  it("never replaces a checkpoint: another hash for the same sequence number is refused with 409", async () => {
    const stored = await call(url, "POST", "/audit-checkpoints", head(3), "k1");
    const rewritten = await call(url, "POST", "/audit-checkpoints", head(3, { hash: hash(99) }), "k2");
    expect(rewritten.status).toBe(409);
    expect(rewritten.json.checkpoint).toEqual(stored.json);
    expect((await call(url, "GET", "/audit-checkpoints/latest")).json.hash).toBe(hash(3));
  });

  it("lists in sequence order a page at a time, and answers the latest (404 before the first)", async () => {
    expect((await call(url, "GET", "/audit-checkpoints/latest")).status).toBe(404);
    expect((await call(url, "GET", "/audit-checkpoints")).json.items).toEqual([]);
    for (const seq of [30, 4, 12, 100]) await call(url, "POST", "/audit-checkpoints", head(seq), `k${seq}`);
    const first = await call(url, "GET", "/audit-checkpoints?limit=2");
    expect(first.json.items.map((c) => c.seq)).toEqual(["4", "12"]);
    const next = await call(url, "GET", "/audit-checkpoints?afterSeq=12&limit=2");
    expect(next.json.items.map((c) => c.seq)).toEqual(["30", "100"]);
    expect((await call(url, "GET", "/audit-checkpoints?afterSeq=100")).json.items).toEqual([]);
    expect((await call(url, "GET", "/audit-checkpoints/latest")).json.seq).toBe("100");
  });

  it("refuses what is not a head: a bad sequence number, hash, time or trigger", async () => {
    for (const [bad, key] of [
      [head(0), "a"],
      [head(1, { seq: "01" }), "b"],
      [head(1, { hash: hash(1).toUpperCase().replace(/0/g, "A") }), "c"],
      [head(1, { occurredAt: "yesterday" }), "d"],
      [head(1, { trigger: "whenever" }), "e"],
      [{ ...head(1), extra: true }, "f"],
    ] as const) {
      expect((await call(url, "POST", "/audit-checkpoints", bad, key)).status, key).toBe(400);
    }
    expect((await call(url, "GET", "/audit-checkpoints?limit=0")).status).toBe(400);
    expect((await call(url, "GET", "/audit-checkpoints?afterSeq=x")).status).toBe(400);
    expect((await call(url, "POST", "/audit-checkpoints", head(1))).status).toBe(400);
  });

  it("keeps its checkpoints across a restart (journal)", async () => {
    const { service, dataDir } = await start();
    await call(service.url, "POST", "/audit-checkpoints", head(5), "k1");
    await service.close();
    const second = (await start(dataDir)).service;
    expect((await call(second.url, "GET", "/audit-checkpoints/latest")).json.seq).toBe("5");
    expect((await call(second.url, "POST", "/audit-checkpoints", head(5, { hash: hash(6) }), "k2")).status).toBe(409);
  });
});
