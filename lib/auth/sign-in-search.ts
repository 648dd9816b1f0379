// The sign-in page's query string, parsed in one place: where to go afterwards and which message
// to show. It never fails: a destination that could lead off the console is the home page
// (lib/http/safe-redirect.ts), and an error code the page does not know is the generic one.
// Pure.
import { z } from "zod";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { parseSearch, type RawSearchParams } from "@/lib/http/search-params";

export type SignInNotice = "expired" | "accessDenied" | "accountLocked" | "tooManyAttempts" | "failed";

const ERRORS: Record<string, SignInNotice> = {
  AccessDenied: "accessDenied",
  AccountLocked: "accountLocked",
  TooManyAttempts: "tooManyAttempts",
};

const signInSearchSchema = z.object({
  next: z.string().optional().catch(undefined),
  callbackUrl: z.string().optional().catch(undefined),
  expired: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
});

export function parseSignInSearch(raw: RawSearchParams): { destination: string; notice: SignInNotice | null } {
  const { value } = parseSearch(signInSearchSchema, raw);
  const notice: SignInNotice | null = value.expired
    ? "expired"
    : value.error
      ? (ERRORS[value.error] ?? "failed")
      : null;
  return { destination: safeRedirectPath(value.next ?? value.callbackUrl), notice };
}
