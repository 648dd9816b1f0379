// Sample InvoicePdfModels for tests, previews and benchmarks. Totals always come from the lines
// through computeInvoiceTotals (tax once per rate, rounded toward zero), as the release step does.
import { computeInvoiceTotals } from "../money/invoice-totals";
import type { InvoicePdfModel } from "./invoice-pdf-model";

type Line = InvoicePdfModel["lines"][number];

const ISSUER: InvoicePdfModel["issuer"] = {
  name: "株式会社クラウドブリッジ",
  nameLatin: "CloudBridge K.K.",
  registrationNumber: "T1234567890123",
  postalCode: "100-0004",
  address: "東京都千代田区大手町1-2-3",
  phone: "03-5555-0100",
  bank: "みずほ銀行 大手町支店 普通 1234567 カ)クラウドブリッジ",
};

const RECIPIENT: InvoicePdfModel["recipient"] = {
  name: "株式会社サンプル商事",
  department: "経理部",
  address: "〒530-0001 大阪府大阪市北区梅田2-4-9 サンプルビル 8F",
  customerCode: "C-00042",
  registrationNumber: "T9876543210987",
};

function withTotals(
  base: Omit<InvoicePdfModel, "taxBreakdown" | "subtotalJpy" | "taxJpy" | "totalJpy">,
): InvoicePdfModel {
  const totals = computeInvoiceTotals(base.lines, "FLOOR");
  return { ...base, ...totals };
}

const TYPICAL_LINES: Line[] = [
  {
    description: "Compute Engine — プロジェクト alpha-prod",
    detail: "N2 インスタンス コア / メモリ（asia-northeast1）ほか 14 SKU",
    quantity: "1",
    unit: "式",
    unitPriceJpy: "482315",
    amountJpy: 482_315n,
    taxRate: "STANDARD_10",
  },
  {
    description: "Cloud Storage — プロジェクト alpha-prod",
    detail: "Standard Storage 東京リージョン 12.4 TiB・ネットワーク下り",
    quantity: "1",
    unit: "式",
    unitPriceJpy: "98760",
    amountJpy: 98_760n,
    taxRate: "STANDARD_10",
  },
  {
    description: "BigQuery — プロジェクト analytics-dwh",
    detail: "オンデマンド分析 820 TiB / アクティブストレージ",
    quantity: "1",
    unit: "式",
    unitPriceJpy: "215400",
    amountJpy: 215_400n,
    taxRate: "STANDARD_10",
  },
  {
    description:
      "Cloud SQL for PostgreSQL — プロジェクト alpha-prod（高可用性構成、リードレプリカ 2 台、ポイントインタイム " +
      "リカバリ有効）",
    detail: null,
    quantity: "1",
    unit: "式",
    unitPriceJpy: "64210",
    amountJpy: 64_210n,
    taxRate: "STANDARD_10",
  },
  {
    description: "運用代行手数料（クラウド利用料の 10%）",
    detail: "対象: alpha-prod, analytics-dwh",
    quantity: "1",
    unit: "式",
    unitPriceJpy: "86068",
    amountJpy: 86_068n,
    taxRate: "STANDARD_10",
  },
  {
    description: "テクニカルサポート 月額固定費（プレミアム）",
    detail: null,
    quantity: "1",
    unit: "月",
    unitPriceJpy: "150000",
    amountJpy: 150_000n,
    taxRate: "STANDARD_10",
  },
  {
    description: "オンサイト作業時の軽食・飲料",
    detail: "軽減税率対象",
    quantity: "12",
    unit: "個",
    unitPriceJpy: "540",
    amountJpy: 6_480n,
    taxRate: "REDUCED_8",
  },
  {
    description: "収入印紙代（立替金）",
    detail: null,
    quantity: "1",
    unit: "枚",
    unitPriceJpy: "4000",
    amountJpy: 4_000n,
    taxRate: "EXEMPT",
  },
];

/** A typical monthly invoice: eight lines, one at the reduced rate and one exempt. */
export const sampleInvoice: InvoicePdfModel = withTotals({
  kind: "INVOICE",
  number: "INV-2026-000123",
  correctsNumber: null,
  issueDate: "2026-07-31",
  dueDate: "2026-08-31",
  periodStart: "2026-07-01",
  periodEnd: "2026-07-31",
  issuer: ISSUER,
  recipient: RECIPIENT,
  lines: TYPICAL_LINES,
  notesPrinted:
    "お支払期限までに上記口座へお振り込みください。振込手数料は貴社にてご負担をお願いいたします。\n" +
    "ご不明な点は billing@cloudbridge.example までお問い合わせください。",
  locale: "ja",
});

const SERVICES = [
  "Compute Engine",
  "Cloud Storage",
  "BigQuery",
  "Cloud SQL",
  "Cloud Run",
  "Kubernetes Engine",
  "Cloud Logging",
  "Networking",
];

/** 120 lines: several pages, repeated table header, totals on the last page only. */
export const sampleLongInvoice: InvoicePdfModel = withTotals({
  kind: "INVOICE",
  number: "INV-2026-000124",
  correctsNumber: null,
  issueDate: "2026-07-31",
  dueDate: "2026-08-31",
  periodStart: "2026-07-01",
  periodEnd: "2026-07-31",
  issuer: ISSUER,
  recipient: {
    ...RECIPIENT,
    name: "株式会社サンプル商事 データ基盤本部",
    department: "情報システム部 クラウド推進グループ",
  },
  // Line i bills SERVICES[i % 8] of project i / 8 + 1: fifteen projects of eight services.
  lines: Array.from({ length: 120 / SERVICES.length }, (_, p) =>
    SERVICES.map((service, s): Line => {
      const i = p * SERVICES.length + s;
      const project = `project-${String(p + 1).padStart(2, "0")}`;
      const amount = BigInt(1_000 + ((i * 7_919) % 250_000));
      return {
        description:
          i % 17 === 5
            ? `${service} — プロジェクト ${project}（夜間バッチ処理基盤、検証環境および本番環境の両方を含む月次利用料）`
            : `${service} — プロジェクト ${project}`,
        detail: i % 3 === 0 ? `asia-northeast1 ほか ${(i % 9) + 1} SKU` : null,
        quantity: "1",
        unit: "式",
        unitPriceJpy: amount.toString(),
        amountJpy: amount,
        taxRate: "STANDARD_10",
      };
    }),
  ).flat(),
  notesPrinted: "お支払期限までに上記口座へお振り込みください。",
  locale: "ja",
});

/** A credit note reversing part of the typical invoice: negative amounts throughout. */
export const sampleCreditNote: InvoicePdfModel = withTotals({
  kind: "CREDIT_NOTE",
  number: "INV-2026-000131",
  correctsNumber: "INV-2026-000123",
  issueDate: "2026-08-10",
  dueDate: null,
  periodStart: "2026-07-01",
  periodEnd: "2026-07-31",
  issuer: ISSUER,
  recipient: RECIPIENT,
  lines: [
    {
      description: "Compute Engine — プロジェクト alpha-prod 利用料の訂正（重複計上分）",
      detail: "2026年7月分 請求書 INV-2026-000123 の明細 1 に対する返還",
      quantity: "-1",
      unit: "式",
      unitPriceJpy: "48230",
      amountJpy: -48_230n,
      taxRate: "STANDARD_10",
    },
    {
      description: "オンサイト作業時の軽食・飲料（返品）",
      detail: null,
      quantity: "-2",
      unit: "個",
      unitPriceJpy: "540",
      amountJpy: -1_080n,
      taxRate: "REDUCED_8",
    },
  ],
  notesPrinted: "返還額は次回のご請求額から差し引かせていただきます。",
  locale: "ja",
});

/** A void of the typical invoice: every line reversed. */
export const sampleVoid: InvoicePdfModel = withTotals({
  kind: "VOID",
  number: "INV-2026-000132",
  correctsNumber: "INV-2026-000123",
  issueDate: "2026-08-12",
  dueDate: null,
  periodStart: "2026-07-01",
  periodEnd: "2026-07-31",
  issuer: ISSUER,
  recipient: RECIPIENT,
  lines: TYPICAL_LINES.map((l) => ({ ...l, quantity: `-${l.quantity}`, amountJpy: -l.amountJpy })),
  notesPrinted: "請求先の誤りにより取り消します。正しい請求書を別途発行いたします。",
  locale: "ja",
});
