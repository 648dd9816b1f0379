import { authorize, getActor } from "@/lib/dal/actor";
import { isAppError } from "@/lib/errors";
import { draftsMessages } from "@/lib/i18n/messages/drafts";
import { getT } from "@/lib/i18n/server";
import { parseSearch } from "@/lib/http/search-params";
import { type DRAFT_FLAGS, listDrafts, listDraftsSchema } from "@/lib/invoices/list-drafts";
import { dec } from "@/lib/money/money";

export const dynamic = "force-dynamic";

const csvCell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

// The drafts list as CSV, with the same filters as the page (all pages, up to 10,000 rows), in
// the reader's language: column names, states and flags as the list shows them, not as codes.
// Numbers stay plain (no grouping, no currency sign) so a spreadsheet reads them as numbers.
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  try {
    await authorize(actor, "drafts.view");
  } catch (error) {
    if (isAppError(error)) return new Response(error.message, { status: error.status });
    throw error;
  }
  const t = await getT(draftsMessages);
  const search = parseSearch(listDraftsSchema, new URL(request.url).searchParams);
  if (!search.ok)
    return new Response(`This search could not be used: ${search.invalid.join(", ")}.`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const data = await listDrafts({ ...search.value, page: 1, pageSize: 10_000 });
  const header = [
    t("csvInvoiceId"),
    t("csvCustomerCode"),
    t("csvCustomerName"),
    t("csvBillingGroup"),
    t("csvStatus"),
    t("csvVersion"),
    t("csvTotal"),
    t("csvPreviousTotal"),
    t("csvChange"),
    t("csvChangeShare"),
    t("csvFlags"),
    t("csvRejection"),
  ];
  const percent = (share: string | null) => (share === null ? null : dec(share).times(100).toFixed(2));
  const lines = data.rows.map((r) =>
    [
      r.id,
      r.customerCode,
      r.customerName,
      r.billingGroup,
      t(`status${r.state}`),
      r.version,
      r.totalJpy,
      r.previousTotalJpy,
      r.changeJpy,
      percent(r.changeShare),
      r.flags.map((f) => t(`flag-${f as (typeof DRAFT_FLAGS)[number]}`, { share: "30%" })).join(" / "),
      r.rejectionReason,
    ]
      .map(csvCell)
      .join(","),
  );
  // A BOM so spreadsheet software reads the Japanese names as UTF-8.
  return new Response(`\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="drafts-${data.month ?? "none"}.csv"`,
    },
  });
}
