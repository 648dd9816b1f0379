// The invoice state machine: which event may happen in which state, and where it leads.
// Pure and exhaustive; commands ask it before writing, tests walk every pair.
import type { InvoiceStatus } from "@/lib/generated/prisma/enums";

export type InvoiceEvent = "edit" | "submit" | "approve" | "reject" | "release" | "void-original" | "usage-change";

export type Transition = { allowed: true; to: InvoiceStatus } | { allowed: false; reason: string };

const ok = (to: InvoiceStatus): Transition => ({ allowed: true, to });
const no = (reason: string): Transition => ({ allowed: false, reason });

/**
 * `approvalsComplete` tells an approval whether it completes the required approvers (the
 * invoice becomes APPROVED) or leaves it waiting for another (it stays SUBMITTED).
 */
export function transition(
  status: InvoiceStatus,
  event: InvoiceEvent,
  options: { approvalsComplete?: boolean } = {},
): Transition {
  switch (status) {
    case "DRAFT":
      switch (event) {
        case "edit":
          return ok("DRAFT");
        case "submit":
          return ok("SUBMITTED");
        case "approve":
        case "reject":
          return no("a draft must be submitted before anyone decides on it");
        case "release":
          return no("a draft cannot be released: it needs approval");
        case "void-original":
          return no("only a released invoice can be voided");
        // The usage it was computed from was replaced: it is regenerated as a draft.
        case "usage-change":
          return ok("DRAFT");
      }
    case "SUBMITTED":
      switch (event) {
        case "edit":
          return ok("SUBMITTED");
        case "submit":
          return no("the invoice is already submitted");
        case "approve":
          return ok(options.approvalsComplete ? "APPROVED" : "SUBMITTED");
        case "reject":
          return ok("DRAFT");
        case "release":
          return no("the invoice is not approved yet");
        case "void-original":
          return no("only a released invoice can be voided");
        // Its usage was replaced: back to a draft, approvals voided, to be generated and decided again.
        case "usage-change":
          return ok("DRAFT");
      }
    case "APPROVED":
      switch (event) {
        // An edit after approval voids the approvals: back to the approvers.
        case "edit":
          return ok("SUBMITTED");
        case "submit":
          return no("the invoice is already approved");
        case "approve":
          return no("the invoice is already approved");
        case "reject":
          return ok("DRAFT");
        case "release":
          return ok("RELEASED");
        case "void-original":
          return no("only a released invoice can be voided");
        case "usage-change":
          return ok("DRAFT");
      }
    case "RELEASED":
      switch (event) {
        case "void-original":
          return ok("VOIDED");
        case "edit":
        case "submit":
        case "approve":
        case "reject":
        case "release":
        case "usage-change":
          return no("a released invoice is frozen: correct it with a credit note or a void");
      }
    case "VOIDED":
      return no("a voided invoice is final");
  }
}
