// CrmClient over HTTP (services/openapi/crm.yaml). Each step carries its own derived
// idempotency key, so a retried delivery replays the steps that already succeeded.
import { callService, type Credential, listItems, notOk, stringField, type CallServiceInput } from "./http";
import type { CallOptions, CrmClient, CrmDelivery, ServiceCallResult } from "./types";

export type CrmClientOptions = {
  baseUrl: string;
  token: string | Credential;
  /** Per HTTP request. */
  timeoutMs: number;
  /** Look the invoice up by number before creating it (protects against services that ignore keys). */
  lookupBeforeCreate: boolean;
};

export function createCrmClient(options: CrmClientOptions): CrmClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");

  return {
    async deliverInvoice(delivery: CrmDelivery, callOptions: CallOptions = {}): Promise<ServiceCallResult> {
      const result = await deliverRecord(delivery, callOptions);
      if (result.kind !== "sent" || delivery.invoice.kind !== "VOID" || !delivery.invoice.correctsNumber) return result;
      // A void also marks the record it voids, so the CRM never shows that invoice as open.
      return markVoided(delivery, delivery.invoice.correctsNumber, callOptions, result);
    },
  };

  async function deliverRecord(delivery: CrmDelivery, callOptions: CallOptions): Promise<ServiceCallResult> {
    const call = (input: Pick<CallServiceInput, "method" | "path" | "body" | "idempotencyKey">) =>
      callService({
        ...input,
        baseUrl,
        token: options.token,
        timeoutMs: callOptions.timeoutMs ?? options.timeoutMs,
        signal: callOptions.signal,
      });
    const key = delivery.idempotencyKey;
    const { code, ...customer } = delivery.customer;
    const { number, ...fields } = delivery.invoice;
    const sent = (id: string, httpStatus: number): ServiceCallResult => ({
      kind: "sent",
      externalId: id,
      externalUrl: `${baseUrl}/invoices/${encodeURIComponent(id)}`,
      httpStatus,
    });
    const invalidAnswer = (httpStatus: number, what: string): ServiceCallResult => ({
      kind: "failed",
      error: `${httpStatus} invalid answer: ${what}`,
      httpStatus,
    });

    /** The id of the record with this number, null if none; or a not-ok result. */
    const lookup = async (wanted = number): Promise<{ id: string | null; httpStatus: number } | ServiceCallResult> => {
      const found = await call({ method: "GET", path: `/invoices?number=${encodeURIComponent(wanted)}` });
      if (found.kind !== "ok") return notOk(found);
      const items = listItems(found.json);
      if (!items) return invalidAnswer(found.httpStatus, "expected { items: [...] }");
      const match = items.find((item) => stringField(item, "number") === wanted);
      return { id: match === undefined ? null : stringField(match, "id"), httpStatus: found.httpStatus };
    };

    const upserted = await call({
      method: "PUT",
      path: `/customers/${encodeURIComponent(code)}`,
      body: customer,
      idempotencyKey: `${key}:customer`,
    });
    if (upserted.kind !== "ok") return notOk(upserted);

    if (options.lookupBeforeCreate) {
      const existing = await lookup();
      if ("kind" in existing) return existing;
      if (existing.id !== null) {
        const updated = await call({
          method: "PATCH",
          path: `/invoices/${encodeURIComponent(existing.id)}`,
          body: { ...fields, customerCode: code },
          idempotencyKey: `${key}:update`,
        });
        if (updated.kind !== "ok") return notOk(updated);
        return sent(existing.id, updated.httpStatus);
      }
    }

    const created = await call({
      method: "POST",
      path: "/invoices",
      body: { ...fields, number, customerCode: code },
      idempotencyKey: `${key}:invoice`,
    });
    if (created.kind === "ok") {
      const id = stringField(created.json, "id");
      return id ? sent(id, created.httpStatus) : invalidAnswer(created.httpStatus, "no id");
    }
    if (created.httpStatus === 409) {
      // The number exists already (an earlier attempt went through): that record is ours.
      const existing = await lookup();
      if ("kind" in existing) return existing;
      if (existing.id !== null) return sent(existing.id, existing.httpStatus);
      return {
        kind: "failed",
        error: `${created.error} (but no record with number ${number} was found)`,
        httpStatus: 409,
      };
    }
    return notOk(created);
  }

  async function markVoided(
    delivery: CrmDelivery,
    original: string,
    callOptions: CallOptions,
    voidRecord: Extract<ServiceCallResult, { kind: "sent" }>,
  ): Promise<ServiceCallResult> {
    const call = (input: Pick<CallServiceInput, "method" | "path" | "body" | "idempotencyKey">) =>
      callService({
        ...input,
        baseUrl,
        token: options.token,
        timeoutMs: callOptions.timeoutMs ?? options.timeoutMs,
        signal: callOptions.signal,
      });
    const found = await call({ method: "GET", path: `/invoices?number=${encodeURIComponent(original)}` });
    if (found.kind !== "ok") return notOk(found);
    const match = listItems(found.json)?.find((item) => stringField(item, "number") === original);
    const id = match === undefined ? null : stringField(match, "id");
    // The original was never delivered to this CRM: nothing to mark.
    if (id === null) return voidRecord;
    const patched = await call({
      method: "PATCH",
      path: `/invoices/${encodeURIComponent(id)}`,
      body: { status: "VOIDED" },
      idempotencyKey: `${delivery.idempotencyKey}:void-original`,
    });
    return patched.kind === "ok" ? voidRecord : notOk(patched);
  }
}
