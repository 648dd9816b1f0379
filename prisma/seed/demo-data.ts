// Demo data for the embedded database: 210 customers with Japanese company names, 630+
// projects under four billing accounts, billing groups (some customers split per project or
// per department), varied pricing contracts, FX rates, and the demo users. Row ids are derived
// from stable keys, so seeding twice inserts nothing the second time.
import { createHash } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TaxRate, TaxRounding } from "@/lib/generated/prisma/enums";
import { corporateNumberFrom, registrationNumberFrom } from "@/lib/customers/registration-number";
import { normalizeForSearch } from "@/lib/lookup/normalize";
import {
  BANKS,
  DEPARTMENTS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  INDUSTRIES,
  LEGAL_FORMS,
  NAME_STEMS,
  PREFECTURES,
} from "./names";
import { rng } from "./random";

export const DEMO_MONTHS = ["2026-08", "2026-09", "2026-10"] as const;
export const CUSTOMER_COUNT = 210;

/** A UUID derived from a stable key (same key, same id on every machine). */
export function seedId(kind: string, key: string): string {
  const h = createHash("sha256").update(`${kind}:${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

import { DEMO_USERS } from "./users";

export { DEMO_USERS };

export const BILLING_ACCOUNTS = [
  { id: "01A2B3-C4D5E6-F7A8B9", name: "MSP 請求アカウント 1 (main)" },
  { id: "01B7C1-9D2E3F-4A5B6C", name: "MSP 請求アカウント 2 (enterprise)" },
  { id: "01C3D9-8E7F6A-5B4C3D", name: "MSP 請求アカウント 3 (public sector)" },
  { id: "01D4E5-F6A7B8-C9D0E1", name: "MSP 請求アカウント 4 (reseller, USD)" },
] as const;

export const ISSUER = {
  name: "株式会社クラウドブリッジ",
  nameLatin: "CloudBridge K.K.",
  registrationNumber: registrationNumberFrom("010401123456"),
  postalCode: "100-0004",
  address: "東京都千代田区大手町一丁目1番1号 大手町タワー 20F",
  phone: "03-5555-0100",
  bank: "みずほ銀行 大手町支店 普通 1234567 カ)クラウドブリッジ",
};

const FX_USD: Record<string, string> = {
  "2026-07": "146.85",
  "2026-08": "147.32",
  "2026-09": "148.91",
  "2026-10": "150.24",
  "2026-11": "151.06",
};

export interface DemoCustomer {
  id: string;
  code: string;
  slug: string;
  projects: Array<{ id: string; name: string; billingAccountId: string; billingGroupId: string }>;
}

/** Builds the demo world in memory (pure and deterministic); the seed writes it. */
export function buildDemoWorld() {
  const r = rng(20261122);
  const usedNames = new Set<string>();
  const customers: Array<
    DemoCustomer & {
      row: Record<string, unknown>;
      groups: Array<Record<string, unknown>>;
      contract: Record<string, unknown>;
      fixedFees: Array<Record<string, unknown>>;
    }
  > = [];
  const unassignedProjects: Array<{ id: string; name: string; billingAccountId: string }> = [];

  while (customers.length < CUSTOMER_COUNT) {
    const stem = r.pick(NAME_STEMS);
    const industry = r.pick(INDUSTRIES);
    const formRoll = r.int(1, 13);
    const form =
      formRoll <= 6
        ? LEGAL_FORMS[0]
        : formRoll <= 11
          ? LEGAL_FORMS[1]
          : formRoll === 12
            ? LEGAL_FORMS[2]
            : LEGAL_FORMS[3];
    const core = `${stem[0]}${industry[0]}`;
    if (usedNames.has(core)) continue;
    usedNames.add(core);
    const n = customers.length + 1;
    const code = `C${String(n).padStart(5, "0")}`;
    const name = form[2] ? `${form[0]}${core}` : `${core}${form[0]}`;
    const nameKana = `${stem[1]}${industry[1]}`;
    const nameLatin = `${stem[2]} ${industry[2]} ${form[1]}`;
    const slug = `${stem[2]}-${industry[2]}`
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 18);
    const id = seedId("customer", code);
    const [pref, postal, street] = r.pick(PREFECTURES);
    const family = r.pick(FAMILY_NAMES);
    const given = r.pick(GIVEN_NAMES);
    const registered = r.chance(0.9);
    const row = {
      id,
      code,
      name,
      nameKana,
      nameLatin,
      searchText: normalizeForSearch(`${name} ${nameKana} ${nameLatin} ${code}`),
      registrationNumber: registered
        ? registrationNumberFrom(String(100000000000 + n * 7919 + r.int(0, 999)).slice(0, 12))
        : null,
      // A customer that is not a qualified-invoice issuer is still reachable by its corporate
      // number (法人番号), so every demo invoice has a buyer address for its e-invoice.
      ...(registered ? {} : { peppolScheme: "0188", peppolId: corporateNumberFrom(String(200000000000 + n * 7919)) }),
      postalCode: postal,
      address: `${pref}${street}${r.int(1, 5)}-${r.int(1, 20)}-${r.int(1, 30)}`,
      contactName: `${family[0]} ${given[0]}`,
      contactEmail: `${given[1]}.${family[1].toLowerCase()}@${slug}.example.jp`,
      contactPhone: `0${r.int(3, 99)}-${r.int(1000, 9999)}-${r.int(1000, 9999)}`,
      bankDetails: `${r.pick(BANKS)} ${stem[0]}支店 普通 ${r.int(1000000, 9999999)}`,
      paymentTermsDays: r.pick([30, 30, 30, 45, 60]),
    };

    // Projects: most customers have 2-4, a few large ones up to 9.
    const projectCount = r.chance(0.08) ? r.int(6, 9) : r.int(2, 4);
    const account = BILLING_ACCOUNTS[n % 17 === 0 ? 3 : n % 5 === 0 ? 1 : n % 11 === 0 ? 2 : 0];
    const envs = ["prod", "stg", "dev", "analytics", "batch", "web", "data", "ml", "dr"];
    const split = n % 20 === 0 ? "project" : n % 25 === 3 ? "department" : "none";
    const groups: Array<Record<string, unknown>> = [];
    const defaultGroupId = seedId("billing-group", `${code}:default`);
    groups.push({
      id: defaultGroupId,
      customerId: id,
      name: "既定 / Default",
      isDefault: true,
      recipientName: name,
      recipientAddress: row.address,
      recipientEmail: row.contactEmail,
    });
    const projects: DemoCustomer["projects"] = [];
    for (let p = 0; p < projectCount; p++) {
      // GCP project ids: 6-30 characters, lower-case letters, digits and hyphens.
      const projectId = `${slug.slice(0, 14).replace(/-$/, "")}-${envs[p]}-${String(n).padStart(3, "0")}`;
      let groupId = defaultGroupId;
      if (split === "project") {
        groupId = seedId("billing-group", `${code}:${projectId}`);
        groups.push({
          id: groupId,
          customerId: id,
          name: `プロジェクト ${projectId}`,
          isDefault: false,
          recipientName: name,
          recipientDept: `${envs[p]} 環境担当`,
          recipientAddress: row.address,
          recipientEmail: row.contactEmail,
        });
      } else if (split === "department") {
        const dept = DEPARTMENTS[p % 2 === 0 ? 0 : 3];
        groupId = seedId("billing-group", `${code}:${dept[1]}`);
        if (!groups.some((g) => g.id === groupId))
          groups.push({
            id: groupId,
            customerId: id,
            name: dept[0],
            isDefault: false,
            recipientName: name,
            recipientDept: dept[0],
            recipientAddress: row.address,
            recipientEmail: row.contactEmail,
          });
      }
      projects.push({
        id: projectId,
        name: `${core} ${envs[p]}`,
        billingAccountId: account.id,
        billingGroupId: groupId,
      });
    }
    // The default group holds no project when the customer split all of them out.
    const usedGroups = groups.filter((g) => g.isDefault === false || projects.some((p) => p.billingGroupId === g.id));

    const contractKind = r.int(1, 10);
    const contract = {
      id: seedId("contract", code),
      customerId: id,
      name: contractKind <= 5 ? "標準 MSP 契約" : contractKind <= 8 ? "エンタープライズ契約" : "割引契約",
      fromMonth: "2026-01",
      markupRate: contractKind <= 5 ? "0.08" : contractKind <= 8 ? "0.05" : "-0.03",
      opsFeeRate: contractKind <= 5 ? "0.10" : contractKind <= 8 ? "0.07" : "0.05",
      opsFeeMinimumJpy: BigInt(contractKind <= 5 ? 30000 : contractKind <= 8 ? 100000 : 20000),
      discountRate: contractKind === 10 ? "0.02" : "0",
      taxRate: "STANDARD_10" as TaxRate,
      taxRounding: (n % 9 === 0 ? "HALF_UP" : "FLOOR") as TaxRounding,
      paymentTermsDays: row.paymentTermsDays,
      // A customer split into groups has no default group left: its contract-level fees go on
      // its first group's invoice.
      feeGroupId: usedGroups.some((g) => g.isDefault) ? null : ((usedGroups[0]?.id as string | undefined) ?? null),
    };
    const fixedFees =
      contractKind >= 6
        ? [
            {
              id: seedId("fixed-fee", `${code}:support`),
              contractId: contract.id,
              description: "テクニカルサポート月額 / Technical support (monthly)",
              amountJpy: BigInt(contractKind <= 8 ? 50000 : 30000),
              taxRate: "STANDARD_10" as TaxRate,
            },
          ]
        : [];
    customers.push({ id, code, slug, projects, row, groups: usedGroups, contract, fixedFees });
  }

  // Projects billed to us that nobody has assigned to a customer yet.
  for (let u = 1; u <= 6; u++) {
    unassignedProjects.push({
      id: `unassigned-sandbox-${String(u).padStart(3, "0")}`,
      name: `未割当 sandbox ${u}`,
      billingAccountId: BILLING_ACCOUNTS[0].id,
    });
  }
  return { customers, unassignedProjects };
}

export async function seedBaseData(db: PrismaClient) {
  const world = buildDemoWorld();
  const created: Record<string, number> = {};
  const count = (key: string, n: number) => (created[key] = (created[key] ?? 0) + n);

  for (const user of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: user.email } });
    if (!existing) {
      await db.user.create({ data: user });
      count("users", 1);
    }
  }

  const settings: Array<[string, unknown]> = [
    ["issuer", ISSUER],
    ["gate.twoApproverThresholdJpy", "5000000"],
    ["invoice.numberPrefix", "INV"],
    ["drafts.flagChangeShare", "0.3"],
  ];
  for (const [key, value] of settings) {
    const r = await db.setting.createMany({ data: [{ key, value: value as never }], skipDuplicates: true });
    count("settings", r.count);
  }

  count(
    "billingAccounts",
    (await db.billingAccount.createMany({ data: BILLING_ACCOUNTS.map((a) => ({ ...a })), skipDuplicates: true })).count,
  );
  count(
    "customers",
    (await db.customer.createMany({ data: world.customers.map((c) => c.row as never), skipDuplicates: true })).count,
  );
  count(
    "billingGroups",
    (
      await db.billingGroup.createMany({
        data: world.customers.flatMap((c) => c.groups as never[]),
        skipDuplicates: true,
      })
    ).count,
  );
  const projects = [
    ...world.customers.flatMap((c) =>
      c.projects.map((p) => ({
        id: p.id,
        name: p.name,
        billingAccountId: p.billingAccountId,
        firstSeenMonth: DEMO_MONTHS[0],
      })),
    ),
    ...world.unassignedProjects.map((p) => ({ ...p, firstSeenMonth: DEMO_MONTHS[2] })),
  ];
  count("projects", (await db.project.createMany({ data: projects, skipDuplicates: true })).count);
  count(
    "assignments",
    (
      await db.projectAssignment.createMany({
        data: world.customers.flatMap((c) =>
          c.projects.map((p) => ({
            id: seedId("assignment", p.id),
            projectId: p.id,
            customerId: c.id,
            billingGroupId: p.billingGroupId,
            fromMonth: DEMO_MONTHS[0],
          })),
        ),
        skipDuplicates: true,
      })
    ).count,
  );
  count(
    "contracts",
    (
      await db.pricingContract.createMany({
        data: world.customers.map((c) => c.contract as never),
        skipDuplicates: true,
      })
    ).count,
  );
  // Contracts seeded before contracts named a fee group get theirs (only where none is set).
  for (const c of world.customers.filter((c) => c.contract.feeGroupId)) {
    const r = await db.pricingContract.updateMany({
      where: { id: c.contract.id as string, feeGroupId: null },
      data: { feeGroupId: c.contract.feeGroupId as string },
    });
    count("contractFeeGroups", r.count);
  }
  count(
    "fixedFees",
    (
      await db.pricingFixedFee.createMany({
        data: world.customers.flatMap((c) => c.fixedFees as never[]),
        skipDuplicates: true,
      })
    ).count,
  );
  count(
    "fxRates",
    (
      await db.fxRate.createMany({
        data: Object.entries(FX_USD).map(([month, rate]) => ({ month, fromCurrency: "USD", toCurrency: "JPY", rate })),
        skipDuplicates: true,
      })
    ).count,
  );
  return { world, created };
}
