import { describe, expect, it } from "vitest";
import { localToUtc, parseAuditSearchParams, utcToLocalInput } from "./audit-search-params";

describe("local (JST) times to UTC", () => {
  it("turns a local minute into the UTC instants it starts and ends at", () => {
    expect(localToUtc("2026-08-01T09:00", "start")).toBe("2026-08-01T00:00:00.000Z");
    expect(localToUtc("2026-08-01T09:00", "end")).toBe("2026-08-01T00:00:59.999Z");
    // Before 09:00 local it is still the previous day in UTC.
    expect(localToUtc("2026-08-01T03:30", "start")).toBe("2026-07-31T18:30:00.000Z");
  });

  it("takes a bare date as the whole local day", () => {
    expect(localToUtc("2026-08-01", "start")).toBe("2026-07-31T15:00:00.000Z");
    expect(localToUtc("2026-08-01", "end")).toBe("2026-08-01T14:59:59.999Z");
  });

  it("rejects what is not a local date or minute", () => {
    for (const bad of [
      "",
      "2026-02-30",
      "2026-13-01",
      "2026-08-01T24:00",
      "2026-08-01T09:00Z",
      "yesterday",
      "2026-08-01 09:00",
    ]) {
      expect(localToUtc(bad, "start"), bad).toBeUndefined();
    }
  });

  it("shows a UTC instant as the local wall time", () => {
    expect(utcToLocalInput("2026-07-31T18:30:00.000Z")).toBe("2026-08-01T03:30");
  });
});

describe("the audit page's address", () => {
  it("becomes the domain's filter, which accepts the UTC bounds", () => {
    const parsed = parseAuditSearchParams({
      actor: " manager@demo.local ",
      action: "invoice.submit",
      outcome: "refused",
      from: "2026-08-01T09:00",
      to: "2026-08-02",
      before: "120",
    });
    expect(parsed.filter).toEqual({
      actor: "manager@demo.local",
      action: "invoice.submit",
      targetType: undefined,
      targetId: undefined,
      outcome: "REFUSED",
      from: "2026-08-01T00:00:00.000Z",
      to: "2026-08-02T14:59:59.999Z",
    });
    expect(parsed.before).toBe("120");
    expect(new URLSearchParams(parsed.query).get("from")).toBe("2026-08-01T09:00");
    expect(new URLSearchParams(parsed.query).has("before")).toBe(false);
  });

  it("leaves out bounds it cannot read and says so", () => {
    const parsed = parseAuditSearchParams(new URLSearchParams("from=soon&to=2026-08-01T10:00&before=x&outcome=maybe"));
    expect(parsed.invalid).toEqual(["from"]);
    expect(parsed.filter.from).toBeUndefined();
    expect(parsed.filter.outcome).toBeUndefined();
    expect(parsed.before).toBeUndefined();
    expect(parsed.query).toBe("to=2026-08-01T10%3A00");
  });
});
