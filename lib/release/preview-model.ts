// The invoice as the customer will see it, for any status. A released invoice previews as
// exactly what was delivered (pdfModelOf, from what release froze). Anything not yet released
// shows the stand-ins release will replace: the number 見本 PREVIEW, today's date in Japan as
// the issue date, and the issuer as the settings hold it now.
import { SETTING_KEYS } from "@/lib/settings/keys";
import type { Db, Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { InvoicePdfModel } from "@/lib/pdf/invoice-pdf-model";
import { japanDate } from "./invoice-number";
import { buildPdfModel, pdfModelOf } from "./pdf-model";
import { issuerSchema } from "./release-settings";
import { UUID } from "@/lib/uuid";

export const PREVIEW_NUMBER = "見本 PREVIEW";
const NOT_SET = "(未設定 / not set)";

export async function loadInvoiceForPreview(client: Db | Tx, invoiceId: string) {
  if (!UUID.test(invoiceId)) throw new AppError("NOT_FOUND", "No such invoice.", { details: { rule: "not-found" } });
  const [invoice, issuer] = await Promise.all([
    client.invoice.findUnique({
      where: { id: invoiceId },
      include: {
        lines: { orderBy: { position: "asc" } },
        customer: { select: { code: true, name: true, nameKana: true, registrationNumber: true, address: true } },
        correctsInvoice: { select: { number: true } },
      },
    }),
    client.setting.findUnique({ where: { key: SETTING_KEYS.issuer } }),
  ]);
  if (!invoice) throw new AppError("NOT_FOUND", "No such invoice.", { details: { rule: "not-found" } });
  return { invoice, issuerSetting: issuer?.value ?? null };
}

export type PreviewSource = Awaited<ReturnType<typeof loadInvoiceForPreview>>;

/**
 * The issuer printed on a preview: the setting when complete; otherwise what there is, with
 * the missing fields marked, so the preview shows what an admin still has to fill in.
 */
export function previewIssuer(setting: unknown): { issuer: InvoicePdfModel["issuer"]; complete: boolean } {
  const parsed = issuerSchema.safeParse(setting);
  if (parsed.success) return { issuer: parsed.data, complete: true };
  const raw = (setting && typeof setting === "object" ? setting : {}) as Record<string, unknown>;
  const text = (key: string) =>
    typeof raw[key] === "string" && (raw[key] as string).trim() ? (raw[key] as string).trim() : null;
  return {
    complete: false,
    issuer: {
      name: text("name") ?? NOT_SET,
      nameLatin: text("nameLatin"),
      registrationNumber: text("registrationNumber") ?? NOT_SET,
      postalCode: text("postalCode"),
      address: text("address") ?? NOT_SET,
      phone: text("phone"),
      bank: text("bank") ?? NOT_SET,
    },
  };
}

export function previewModelOf(
  { invoice, issuerSetting }: PreviewSource,
  now = new Date(),
): { model: InvoicePdfModel; released: boolean; issuerComplete: boolean } {
  if (invoice.number && invoice.issueDate && invoice.issuer) {
    return { model: pdfModelOf(invoice), released: true, issuerComplete: true };
  }
  const { issuer, complete } = previewIssuer(issuerSetting);
  const model = buildPdfModel(invoice, {
    number: PREVIEW_NUMBER,
    issueDate: japanDate(now),
    issuer,
    correctsNumber: invoice.correctsInvoice?.number ?? null,
  });
  return { model, released: false, issuerComplete: complete };
}
