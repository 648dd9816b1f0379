// One error type for the domain. Codes map to HTTP statuses and to the messages users see;
// anything that is not an AppError is logged and shown as a generic failure.
export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  INVALID_STATE: 409,
  CONFLICT: 409,
  ALREADY_DONE: 409,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: Record<string, string[]>;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fieldErrors?: Record<string, string[]>; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.details = options.details;
  }

  get status() {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * A refusal by a named rule: the rule is the reason code screens translate
 * (lib/i18n/refusals.ts), the message English for logs and audit events, and the params the
 * values the translated text names.
 */
export class Refusal extends AppError {
  constructor(
    code: ErrorCode,
    readonly rule: string,
    message: string,
    params?: Record<string, string | number>,
  ) {
    super(code, message, { details: params ? { rule, params } : { rule } });
  }
}
