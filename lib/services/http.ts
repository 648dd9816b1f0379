// One HTTP call to an external service, classified for the retry policy: the clients never
// throw for transport problems, they return what the release worker should do next.
import { currentRequestId } from "@/lib/log/request-context";
import type { ServiceCallResult } from "./types";

export type CallServiceInput = {
  baseUrl: string;
  /** The bearer token; with a Credential, a 401 re-reads it once and retries (a rotated token). */
  token: string | Credential;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path with query, e.g. /invoices?number=INV-1 (appended to baseUrl). */
  path: string;
  body?: unknown;
  idempotencyKey?: string;
  timeoutMs: number;
  signal?: AbortSignal;
};

export type CallServiceOutcome<T = unknown> =
  | { kind: "ok"; httpStatus: number; json: T; headers: Headers }
  | Extract<ServiceCallResult, { kind: "retry" | "failed" }>;

const MAX_ERROR_TEXT = 300;

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function errorText(status: number, statusText: string, text: string): string {
  let detail = text.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && "error" in parsed && typeof parsed.error === "string")
      detail = parsed.error;
  } catch {
    // Not JSON: keep the raw text.
  }
  if (detail === "") detail = statusText;
  if (detail.length > MAX_ERROR_TEXT) detail = `${detail.slice(0, MAX_ERROR_TEXT)}…`;
  return `${status} ${detail}`.trim();
}

function networkErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici reports "fetch failed" with the useful part (ECONNREFUSED …) in the cause.
  const cause = error.cause;
  if (cause instanceof Error && cause.message && cause.message !== error.message)
    return `${error.message}: ${cause.message}`;
  return error.message;
}

/** A token that can change while running (read from a file): current() and, after a 401, refresh(). */
export type Credential = { current: () => string; refresh: () => string };

export async function callService<T = unknown>(input: CallServiceInput): Promise<CallServiceOutcome<T>> {
  if (typeof input.token === "string") return callOnce<T>({ ...input, token: input.token });
  const credential = input.token;
  const first = await callOnce<T>({ ...input, token: credential.current() });
  if (first.httpStatus !== 401) return first;
  // Rotated: re-read the token once and retry. Still refused means the rotation is not finished
  // on both sides yet: retry later (with backoff) rather than fail the delivery.
  const second = await callOnce<T>({ ...input, token: credential.refresh() });
  if (second.httpStatus !== 401 || second.kind !== "failed") return second;
  return { kind: "retry", error: second.error, httpStatus: 401, retryAfterMs: null };
}

async function callOnce<T>(input: CallServiceInput & { token: string }): Promise<CallServiceOutcome<T>> {
  const timeout = AbortSignal.timeout(input.timeoutMs);
  const signal = input.signal ? AbortSignal.any([timeout, input.signal]) : timeout;
  const headers: Record<string, string> = { authorization: `Bearer ${input.token}`, accept: "application/json" };
  if (input.body !== undefined) headers["content-type"] = "application/json";
  if (input.idempotencyKey !== undefined) headers["idempotency-key"] = input.idempotencyKey;
  // The request (or worker attempt) this call is part of, so the service's log can be joined to ours.
  const requestId = currentRequestId();
  if (requestId !== undefined) headers["x-request-id"] = requestId;

  let response: Response;
  let text: string;
  try {
    response = await fetch(`${input.baseUrl.replace(/\/+$/, "")}${input.path}`, {
      method: input.method,
      headers,
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
      signal,
      redirect: "manual",
    });
    // Reading the body is still covered by the signal (a stalled body is a timeout too).
    text = await response.text();
  } catch (error) {
    if (timeout.aborted)
      return { kind: "retry", error: `timeout after ${input.timeoutMs}ms`, httpStatus: null, retryAfterMs: null };
    if (input.signal?.aborted)
      return { kind: "retry", error: "aborted by caller", httpStatus: null, retryAfterMs: null };
    return { kind: "retry", error: networkErrorText(error), httpStatus: null, retryAfterMs: null };
  }

  const status = response.status;
  if (status >= 200 && status < 300) {
    if (text.trim() === "") return { kind: "ok", httpStatus: status, json: null as T, headers: response.headers };
    try {
      return { kind: "ok", httpStatus: status, json: JSON.parse(text) as T, headers: response.headers };
    } catch {
      return { kind: "failed", error: `${status} invalid JSON in the answer`, httpStatus: status };
    }
  }
  const error = errorText(status, response.statusText, text);
  if (status >= 500 || status === 429) {
    return {
      kind: "retry",
      error,
      httpStatus: status,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    };
  }
  return { kind: "failed", error, httpStatus: status };
}

/** A retry/failed outcome is already a ServiceCallResult; pass it through unchanged. */
export function notOk(outcome: Extract<CallServiceOutcome, { kind: "retry" | "failed" }>): ServiceCallResult {
  return outcome.kind === "retry"
    ? { kind: "retry", error: outcome.error, httpStatus: outcome.httpStatus, retryAfterMs: outcome.retryAfterMs }
    : { kind: "failed", error: outcome.error, httpStatus: outcome.httpStatus };
}

/** Reads a string field of an answer; null when the answer does not have it. */
export function stringField(value: unknown, field: string): string | null {
  if (typeof value !== "object" || value === null) return null;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === "string" && found !== "" ? found : null;
}

/** The `items` array of a list answer; null when the answer is not a list. */
export function listItems(value: unknown): unknown[] | null {
  if (typeof value !== "object" || value === null) return null;
  const items = (value as Record<string, unknown>).items;
  return Array.isArray(items) ? items : null;
}
