import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { twoApproverThreshold } from "@/lib/gate/load-for-gate";
import { readReleaseSettings } from "@/lib/release/release-settings";
import { readSettings, updateSettings, type UpdateSettingsInput } from "@/lib/settings/update-settings";
import { ISSUER_FOR_TESTS, person, applyReleaseSettings } from "../support/invoices";

const form = (over: Partial<UpdateSettingsInput> = {}): UpdateSettingsInput => ({
  twoApproverThresholdJpy: "5000000",
  invoiceNumberPrefix: "INV",
  fiscalYearStartMonth: "4",
  issuerName: ISSUER_FOR_TESTS.name,
  issuerNameLatin: ISSUER_FOR_TESTS.nameLatin,
  issuerRegistrationNumber: ISSUER_FOR_TESTS.registrationNumber,
  issuerPostalCode: ISSUER_FOR_TESTS.postalCode,
  issuerAddress: ISSUER_FOR_TESTS.address,
  issuerPhone: ISSUER_FOR_TESTS.phone,
  issuerBank: ISSUER_FOR_TESTS.bank,
  ...over,
});

async function resetSettings() {
  await applyReleaseSettings();
  await db.setting.upsert({
    where: { key: "gate.twoApproverThresholdJpy" },
    create: { key: "gate.twoApproverThresholdJpy", value: "5000000" },
    update: { value: "5000000" },
  });
}

const events = (actorId: string) =>
  db.auditEvent.findMany({ where: { actorId, action: "settings.update" }, orderBy: { seq: "asc" } });

// Other test files read these settings: leave them as the release tests expect.
afterAll(resetSettings);

describe("admin settings", () => {
  it("saves the threshold, prefix, fiscal year and issuer, with one audit event holding before and after", async () => {
    const admin = await person("ADMIN");
    await resetSettings();

    const result = await updateSettings({
      actor: admin,
      input: form({
        twoApproverThresholdJpy: "3,000,000",
        invoiceNumberPrefix: "CB",
        fiscalYearStartMonth: "1",
        issuerPhone: "",
        issuerBank: "新銀行 本店 普通 7654321",
      }),
    });
    expect(result.changed.sort()).toEqual([
      "gate.twoApproverThresholdJpy",
      "invoice.fiscalYearStartMonth",
      "invoice.numberPrefix",
      "issuer",
    ]);

    // What the gate and release read.
    expect(await db.$transaction((tx) => twoApproverThreshold(tx))).toBe(3_000_000n);
    const release = await db.$transaction((tx) => readReleaseSettings(tx));
    expect(release).toMatchObject({
      ok: true,
      prefix: "CB",
      fiscalYearStartMonth: 1,
      issuer: { bank: "新銀行 本店 普通 7654321", phone: null },
    });
    expect(await readSettings()).toMatchObject({
      twoApproverThresholdJpy: "3000000",
      invoiceNumberPrefix: "CB",
      fiscalYearStartMonth: 1,
      issuer: { name: ISSUER_FOR_TESTS.name },
    });
    expect((await db.setting.findUniqueOrThrow({ where: { key: "issuer" } })).updatedById).toBe(admin.id);

    const [event] = await events(admin.id);
    expect(event).toMatchObject({
      outcome: "SUCCESS",
      targetType: "settings",
      before: {
        "gate.twoApproverThresholdJpy": "5000000",
        "invoice.numberPrefix": "INV",
        "invoice.fiscalYearStartMonth": 4,
        issuer: { phone: ISSUER_FOR_TESTS.phone },
      },
      after: {
        "gate.twoApproverThresholdJpy": "3000000",
        "invoice.numberPrefix": "CB",
        "invoice.fiscalYearStartMonth": 1,
        issuer: { phone: null, bank: "新銀行 本店 普通 7654321" },
      },
    });
  });

  it("writes only what changed, and nothing (no event) when nothing changed", async () => {
    const admin = await person("ADMIN");
    await resetSettings();
    expect(await updateSettings({ actor: admin, input: form() })).toEqual({ changed: [] });
    expect(await events(admin.id)).toHaveLength(0);
    expect(await updateSettings({ actor: admin, input: form({ twoApproverThresholdJpy: "7000000" }) })).toEqual({
      changed: ["gate.twoApproverThresholdJpy"],
    });
    const [event] = await events(admin.id);
    expect(event!.before).toEqual({ "gate.twoApproverThresholdJpy": "5000000" });
    expect(event!.after).toEqual({ "gate.twoApproverThresholdJpy": "7000000" });
  });

  it("a key never stored holds its default: saving the default is no change", async () => {
    const admin = await person("ADMIN");
    await resetSettings();
    await db.setting.deleteMany({ where: { key: "invoice.fiscalYearStartMonth" } });
    expect(await updateSettings({ actor: admin, input: form({ fiscalYearStartMonth: "4" }) })).toEqual({ changed: [] });
    expect(await updateSettings({ actor: admin, input: form({ fiscalYearStartMonth: "10" }) })).toEqual({
      changed: ["invoice.fiscalYearStartMonth"],
    });
    const [event] = await events(admin.id);
    expect(event).toMatchObject({
      before: { "invoice.fiscalYearStartMonth": 4 },
      after: { "invoice.fiscalYearStartMonth": 10 },
    });
  });

  it.each([
    ["twoApproverThresholdJpy", { twoApproverThresholdJpy: "0" }, "errThresholdMin"],
    ["twoApproverThresholdJpy", { twoApproverThresholdJpy: "12.5" }, "errThresholdFormat"],
    ["twoApproverThresholdJpy", { twoApproverThresholdJpy: "-100" }, "errThresholdFormat"],
    ["invoiceNumberPrefix", { invoiceNumberPrefix: "inv" }, "errPrefix"],
    ["invoiceNumberPrefix", { invoiceNumberPrefix: "1NV" }, "errPrefix"],
    ["invoiceNumberPrefix", { invoiceNumberPrefix: "ABCDEFGHIJK" }, "errPrefix"],
    ["fiscalYearStartMonth", { fiscalYearStartMonth: "13" }, "errMonth"],
    ["fiscalYearStartMonth", { fiscalYearStartMonth: "0" }, "errMonth"],
    ["issuerRegistrationNumber", { issuerRegistrationNumber: "T1234567890124" }, "errRegistrationNumber"],
    ["issuerRegistrationNumber", { issuerRegistrationNumber: "1234567890123" }, "errRegistrationNumber"],
    ["issuerName", { issuerName: "  " }, "errRequired"],
    ["issuerBank", { issuerBank: "" }, "errRequired"],
  ] as Array<[string, Partial<UpdateSettingsInput>, string]>)(
    "refuses %s %j with a field error, saving nothing",
    async (field, over, message) => {
      const admin = await person("ADMIN");
      const before = await db.setting.findMany({ orderBy: { key: "asc" } });
      await expect(updateSettings({ actor: admin, input: form(over) })).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { [field]: [message] },
      });
      expect(await db.setting.findMany({ orderBy: { key: "asc" } })).toEqual(before);
      expect(await events(admin.id)).toHaveLength(0);
    },
  );

  it("accepts a lower-case registration number's T and stores it upper-case", async () => {
    const admin = await person("ADMIN");
    await updateSettings({
      actor: admin,
      input: form({ issuerRegistrationNumber: ISSUER_FOR_TESTS.registrationNumber.toLowerCase() }),
    });
    expect((await readSettings()).issuer?.registrationNumber).toBe(ISSUER_FOR_TESTS.registrationNumber);
  });

  it.each([["FINANCE"], ["MANAGER"], ["SUPPORT"]] as const)(
    "refuses a non-admin (%s), audits the refusal, and changes nothing",
    async (role) => {
      const someone = await person(role);
      const before = await db.setting.findMany({ orderBy: { key: "asc" } });
      await expect(
        updateSettings({ actor: someone, input: form({ twoApproverThresholdJpy: "1" }) }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await db.setting.findMany({ orderBy: { key: "asc" } })).toEqual(before);
      const [event] = await events(someone.id);
      expect(event).toMatchObject({ outcome: "REFUSED", reason: expect.stringMatching(/^role: /) });
    },
  );

  it("two admins saving at once are applied one after the other, each audited with what it replaced", async () => {
    const [a, b] = [await person("ADMIN"), await person("ADMIN")];
    await updateSettings({ actor: a, input: form({ twoApproverThresholdJpy: "5000000" }) });
    // The setup save writes no event when the value was already set: count from the chain's end.
    const { _max: start } = await db.auditEvent.aggregate({ _max: { seq: true } });
    await Promise.all([
      updateSettings({ actor: a, input: form({ twoApproverThresholdJpy: "1000000" }) }),
      updateSettings({ actor: b, input: form({ twoApproverThresholdJpy: "2000000" }) }),
    ]);
    // Only the two concurrent saves' events, never the setup's.
    const saves = await db.auditEvent.findMany({
      where: { action: "settings.update", actorId: { in: [a.id, b.id] }, seq: { gt: start.seq ?? 0n } },
      orderBy: { seq: "asc" },
    });
    const threshold = (values: unknown) => (values as Record<string, string>)["gate.twoApproverThresholdJpy"];
    expect(saves).toHaveLength(2);
    expect(saves.map((e) => e.actorId).sort()).toEqual([a.id, b.id].sort());
    expect(saves.map((e) => threshold(e.after)).sort()).toEqual(["1000000", "2000000"]);
    const [first, second] = saves as [(typeof saves)[number], (typeof saves)[number]];
    // The later one's "before" is the earlier one's "after": no lost update in the trail.
    expect(threshold(first.before)).toBe("5000000");
    expect(threshold(second.before)).toBe(threshold(first.after));
    expect(String((await readSettings()).twoApproverThresholdJpy)).toBe(threshold(second.after));
  });
});
