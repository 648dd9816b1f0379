// The local services' admin endpoints (stats, faults, reset), as the e2e journeys and the
// benchmarks use them. Not part of the contract the console calls.
import type { Faults } from "./http-service";

export type ServiceStats = {
  requests: { total: number; injected: { errors: number; timeouts: number } };
  recordsByInvoiceNumber?: Record<string, number>;
  documentsByInvoiceNumber?: Record<string, number>;
  /** Documents holding an e-invoice beside the PDF (document service). */
  einvoices?: number;
};

export function serviceAdmin(baseUrl: string, token: string) {
  async function call<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${baseUrl}${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  return {
    stats: () => call<ServiceStats>("/_admin/stats"),
    faults: (patch: Partial<Faults>) => call<Faults>("/_admin/faults", patch),
    reset: () => call<unknown>("/_admin/reset", {}),
  };
}
