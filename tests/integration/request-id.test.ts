// The request id travels: the release action's request id reaches the CRM and the document
// service as X-Request-Id (seen in their own logs, real processes) and is recorded in each
// delivery attempt's audit event; without a request (the worker) each attempt gets its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverInvoiceNow } from "@/lib/delivery/deliver-now";
import { deliveryPolicyFromEnv } from "@/lib/delivery/policy";
import { runWithRequest } from "@/lib/log/request-context";
import { renderInvoicePdf } from "@/lib/pdf/render-invoice-pdf";
import { releaseInvoice } from "@/lib/release/release-invoice";
import { createServiceClients, servicesConfigFromEnv } from "@/lib/services/config";
import { approvedInvoice, applyReleaseSettings } from "../support/invoices";
import { type ServiceProcess, startServiceProcess } from "../support/service-process";

let crm: ServiceProcess;
let documents: ServiceProcess;

beforeAll(async () => {
  [crm, documents] = await Promise.all([
    startServiceProcess("crm", { CRM_TOKEN: "rid-crm-token" }),
    startServiceProcess("documents", { DOCUMENTS_TOKEN: "rid-docs-token" }),
  ]);
});
afterAll(async () => {
  await Promise.all([crm?.stop(), documents?.stop()]);
});

function deps() {
  const config = servicesConfigFromEnv({
    CRM_BASE_URL: crm.url,
    CRM_TOKEN: "rid-crm-token",
    DOCUMENTS_BASE_URL: documents.url,
    DOCUMENTS_TOKEN: "rid-docs-token",
  });
  return { ...createServiceClients(config), renderPdf: renderInvoicePdf, policy: deliveryPolicyFromEnv({}) };
}

const loggedIds = (service: ServiceProcess) =>
  service.logs.filter((l) => l.msg === "request" && l.method !== "GET").map((l) => l.requestId);

describe("the request id", () => {
  it("reaches both services and the delivery audit events", async () => {
    await applyReleaseSettings({ prefix: "RID" });
    const { invoice, finance } = await approvedInvoice(50_000n);
    await releaseInvoice({ actor: finance, invoiceId: invoice.id });
    const requestId = "req-release-0001";
    const states = await runWithRequest({ requestId }, () => deliverInvoiceNow(invoice.id, deps(), finance));
    expect(states.map((s) => s.status)).toEqual(["SENT", "SENT"]);

    await expect.poll(() => loggedIds(documents)).toContain(requestId);
    await expect.poll(() => loggedIds(crm)).toContain(requestId);
    const events = await db.auditEvent.findMany({ where: { targetId: invoice.id, action: "delivery.sent" } });
    expect(events).toHaveLength(2);
    for (const event of events) expect(event.after).toMatchObject({ requestId });
  });
});
