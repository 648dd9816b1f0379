import { authorize, getActor } from "@/lib/dal/actor";
import { isAppError } from "@/lib/errors";
import { listDrafts, listDraftsSchema } from "@/lib/invoices/list-drafts";

export const dynamic = "force-dynamic";

const csvCell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

// The drafts list as CSV, with the same filters as the page (all pages, up to 10,000 rows).
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return new Response("Sign in first.", { status: 401 });
  try {
    await authorize(actor, "drafts.view");
  } catch (error) {
    if (isAppError(error)) return new Response(error.message, { status: error.status });
    throw error;
  }
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const data = await listDrafts({ ...listDraftsSchema.parse(params), page: 1, pageSize: 10_000 });
  const header = [
    "invoice_id",
    "customer_code",
    "customer_name",
    "billing_group",
    "status",
    "version",
    "total_jpy",
    "previous_total_jpy",
    "change_jpy",
    "change_share",
    "flags",
  ];
  const lines = data.rows.map((r) =>
    [
      r.id,
      r.customerCode,
      r.customerName,
      r.billingGroup,
      r.status,
      r.version,
      r.totalJpy,
      r.previousTotalJpy,
      r.changeJpy,
      r.changeShare,
      r.flags.join(" "),
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
