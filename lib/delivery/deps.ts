// The console's delivery dependencies from configuration: the two services' clients (base
// URL and token only, so the real services plug in by configuration), the PDF renderer, and
// the retry policy. Built once per process.
import { renderInvoicePdf } from "@/lib/pdf/render-invoice-pdf";
import { createServiceClients, servicesConfigFromEnv } from "@/lib/services/config";
import type { DeliveryDeps } from "./deliver";
import { deliveryPolicyFromEnv } from "./policy";

let cached: DeliveryDeps | null = null;

export function deliveryDeps(): DeliveryDeps {
  cached ??= {
    ...createServiceClients(servicesConfigFromEnv()),
    renderPdf: renderInvoicePdf,
    policy: deliveryPolicyFromEnv(),
  };
  return cached;
}
