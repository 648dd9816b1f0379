// Local CRM: customers upserted by code, invoice records keyed by number (contract:
// services/openapi/crm.yaml). State lives in memory and in the kit's journal.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CrmCustomer, CrmInvoiceRecord } from "../../lib/services/types";
import {
  createService,
  json,
  jsonError,
  pathParam,
  type Faults,
  type Route,
  type RunningService,
} from "../lib/http-service";

export type StoredCustomer = CrmCustomer & { createdAt: string; updatedAt: string };
export type StoredInvoice = CrmInvoiceRecord & {
  id: string;
  customerCode: string;
  createdAt: string;
  updatedAt: string;
};

type CrmState = { customers: Map<string, StoredCustomer>; invoices: Map<string, StoredInvoice> };
type CrmEvent = { type: "customer.put"; customer: StoredCustomer } | { type: "invoice.put"; invoice: StoredInvoice };

const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "expected YYYY-MM-DD");
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM");
// Integer yen as decimal strings; credit notes may be negative.
const yen = z.string().regex(/^-?(0|[1-9]\d*)$/, "expected an integer decimal string");
const text = z.string().trim().min(1).max(500);
const kinds = ["INVOICE", "CREDIT_NOTE", "VOID"] as const;

const customerBody = z.strictObject({
  code: text.optional(),
  name: text,
  nameKana: z.string().max(500).nullable().default(null),
  registrationNumber: z.string().max(50).nullable().default(null),
  address: z.string().max(1000).nullable().default(null),
});

const invoiceFields = {
  kind: z.enum(kinds),
  correctsNumber: text.nullable(),
  month,
  issueDate: date,
  dueDate: date.nullable(),
  currency: z.literal("JPY"),
  amountsByTaxRate: z.array(
    z.strictObject({ taxRate: z.enum(["STANDARD_10", "REDUCED_8", "EXEMPT"]), baseJpy: yen, taxJpy: yen }),
  ),
  subtotalJpy: yen,
  taxJpy: yen,
  totalJpy: yen,
  status: z.enum(["ISSUED", "VOIDED"]),
  documentUrl: z.string().max(2000).nullable(),
  documentId: z.string().max(200).nullable(),
  customerCode: text,
};
const invoiceBody = z.strictObject({ ...invoiceFields, number: text.max(64) });
const invoicePatch = z.strictObject(invoiceFields).partial();

function invalid(error: z.ZodError) {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return jsonError<CrmEvent>(400, `invalid request: ${where}${issue?.message ?? "invalid body"}`);
}

const routes: Route<CrmState, CrmEvent>[] = [
  {
    method: "PUT",
    path: "/customers/{code}",
    handler: ({ state, params, body }) => {
      const parsed = customerBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const code = pathParam(params, "code");
      if (parsed.data.code !== undefined && parsed.data.code !== code)
        return jsonError(400, "code in the body differs from the path");
      const now = new Date().toISOString();
      const existing = state.customers.get(code);
      const customer: StoredCustomer = {
        code,
        name: parsed.data.name,
        nameKana: parsed.data.nameKana,
        registrationNumber: parsed.data.registrationNumber,
        address: parsed.data.address,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      return { status: existing ? 200 : 201, json: customer, events: [{ type: "customer.put", customer }] };
    },
  },
  {
    method: "GET",
    path: "/customers/{code}",
    handler: ({ state, params }) => {
      const customer = state.customers.get(pathParam(params, "code"));
      return customer ? json(200, customer) : jsonError(404, "customer not found");
    },
  },
  {
    method: "POST",
    path: "/invoices",
    handler: ({ state, body, publicUrl }) => {
      const parsed = invoiceBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const existing = [...state.invoices.values()].find((invoice) => invoice.number === parsed.data.number);
      if (existing) return jsonError(409, `invoice ${parsed.data.number} exists`, { id: existing.id });
      if (!state.customers.has(parsed.data.customerCode))
        return jsonError(422, `unknown customer ${parsed.data.customerCode}`);
      const now = new Date().toISOString();
      const invoice: StoredInvoice = { ...parsed.data, id: `crm-inv-${randomUUID()}`, createdAt: now, updatedAt: now };
      return {
        status: 201,
        json: invoice,
        headers: { location: `${publicUrl}/invoices/${invoice.id}` },
        events: [{ type: "invoice.put", invoice }],
      };
    },
  },
  {
    method: "GET",
    path: "/invoices",
    handler: ({ state, query }) => {
      const number = query.get("number");
      const customerCode = query.get("customerCode");
      const items = [...state.invoices.values()].filter(
        (invoice) =>
          (number === null || invoice.number === number) &&
          (customerCode === null || invoice.customerCode === customerCode),
      );
      return json(200, { items });
    },
  },
  {
    method: "GET",
    path: "/invoices/{id}",
    handler: ({ state, params }) => {
      const invoice = state.invoices.get(pathParam(params, "id"));
      return invoice ? json(200, invoice) : jsonError(404, "invoice not found");
    },
  },
  {
    method: "PATCH",
    path: "/invoices/{id}",
    handler: ({ state, params, body }) => {
      const existing = state.invoices.get(pathParam(params, "id"));
      if (!existing) return jsonError(404, "invoice not found");
      if (typeof body === "object" && body !== null && "number" in body)
        return jsonError(400, "the invoice number cannot be changed");
      const parsed = invoicePatch.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      if (parsed.data.customerCode !== undefined && !state.customers.has(parsed.data.customerCode)) {
        return jsonError(422, `unknown customer ${parsed.data.customerCode}`);
      }
      const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
      const invoice: StoredInvoice = { ...existing, ...changes, updatedAt: new Date().toISOString() };
      return { status: 200, json: invoice, events: [{ type: "invoice.put", invoice }] };
    },
  },
];

/** The business routes this server implements (compared with the OpenAPI in tests). */
export const CRM_ROUTES = routes.map(({ method, path }) => ({ method, path }));

export type CrmServerOptions = {
  port: number;
  token: string | (() => string);
  dataDir: string;
  host?: string;
  faults?: Partial<Faults>;
};

export function startCrmServer(options: CrmServerOptions): Promise<RunningService<CrmState>> {
  return createService<CrmState, CrmEvent>({
    name: "crm",
    token: options.token,
    dataDir: options.dataDir,
    port: options.port,
    host: options.host,
    faults: options.faults,
    routes,
    initialState: () => ({ customers: new Map(), invoices: new Map() }),
    apply: (state, event) => {
      if (event.type === "customer.put") state.customers.set(event.customer.code, event.customer);
      else state.invoices.set(event.invoice.id, event.invoice);
    },
    stats: (state) => {
      const recordsByInvoiceNumber: Record<string, number> = {};
      for (const invoice of state.invoices.values()) {
        recordsByInvoiceNumber[invoice.number] = (recordsByInvoiceNumber[invoice.number] ?? 0) + 1;
      }
      return { customers: state.customers.size, invoices: state.invoices.size, recordsByInvoiceNumber };
    },
  });
}
