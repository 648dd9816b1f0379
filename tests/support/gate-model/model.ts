// The model of the release gate that the model-based test runs beside the real commands: a
// few invoices of one customer and month, what each person did to each, and what every
// command should do, written from the product's rules (README, "Review, editing and the
// release gate"), not from the code. Each prediction is either the new state or the rule
// the real command must refuse with.
import { computeInvoiceTotals } from "@/lib/money/invoice-totals";
import type { Role } from "@/lib/generated/prisma/enums";
import { DEMO_USERS } from "@/prisma/seed/users";

export const PEOPLE = ["finance", "finance2", "manager", "manager2", "dual", "support", "admin"] as const;
export type Person = (typeof PEOPLE)[number];

export const ROLES: Record<Person, readonly Role[]> = Object.fromEntries(
  PEOPLE.map((p) => [p, DEMO_USERS.find((u) => u.email === `${p}@demo.local`)!.roles]),
) as unknown as Record<Person, readonly Role[]>;

const has = (p: Person, role: Role) => ROLES[p].includes(role);

export type Status = "DRAFT" | "SUBMITTED" | "APPROVED" | "RELEASED" | "VOIDED";
export type Kind = "INVOICE" | "VOID" | "CREDIT_NOTE";
export type Disqualification = "own-submission" | "own-edit" | "own-correction";

export interface ModelLine {
  amount: bigint;
  manual: boolean;
  /** The usage service a computed line prices. */
  service: string | null;
}

export interface ModelInvoice {
  slot: number;
  kind: Kind;
  /** The billing group an invoice (not a correction) belongs to. */
  group: number | null;
  /** The slot of the invoice a correction corrects. */
  corrects: number | null;
  status: Status;
  version: number;
  /** In position order: computed lines first, then manual ones. */
  lines: ModelLine[];
  totalJpy: bigint;
  /** People whose approval of the current version and content counts. */
  approvers: Set<Person>;
  /** What each person did to it, over its whole history. */
  disqualified: Map<Person, Set<Disqualification>>;
  released: boolean;
}

export interface Model {
  thresholdJpy: bigint;
  /** Usage per billing group: one computed line per service. */
  usage: Array<Array<{ service: string; amount: bigint }>>;
  invoices: ModelInvoice[];
  /** The live (not voided) invoice of each billing group, by slot. */
  live: Array<number | null>;
  /** `${person}|${slot}|${version}`: managers who opened an invoice in that version. */
  views: Set<string>;
  /** Counter for new usage services and note texts. */
  counter: number;
}

/** What a step should do: change the model this way (noop: change nothing at all), or be refused by a rule. */
export type Prediction = { ok: true; apply: () => void; noop?: boolean } | { ok: false; rule: string };

const ok = (apply: () => void): Prediction => ({ ok: true, apply });
const refuse = (rule: string): Prediction => ({ ok: false, rule });
const noop: Prediction = { ok: true, apply: () => {}, noop: true };

export function totalOf(lines: readonly ModelLine[]): bigint {
  return computeInvoiceTotals(
    lines.map((l) => ({ amountJpy: l.amount, taxRate: "STANDARD_10" as const })),
    "FLOOR",
  ).totalJpy;
}

export const requiredApprovers = (m: Model, inv: ModelInvoice) => (inv.totalJpy >= m.thresholdJpy ? 2 : 1);

function disqualify(inv: ModelInvoice, person: Person, why: Disqualification) {
  const set = inv.disqualified.get(person) ?? new Set<Disqualification>();
  set.add(why);
  inv.disqualified.set(person, set);
}

/** Which version a step names: the one it sees, or a stale or future one. */
export type Staleness = "current" | "older" | "newer";
export function versionFor(inv: ModelInvoice, staleness: Staleness) {
  if (staleness === "current") return inv.version;
  if (staleness === "older" && inv.version > 1) return inv.version - 1;
  return inv.version + 1;
}

// ---------------------------------------------------------------- the rules

/** Approve and reject: a manager, and nobody the invoice's history disqualifies. */
function mayDecide(inv: ModelInvoice, person: Person): Prediction | null {
  if (!has(person, "MANAGER")) return refuse("role");
  const did = inv.disqualified.get(person);
  for (const rule of ["own-submission", "own-correction", "own-edit"] as const) if (did?.has(rule)) return refuse(rule);
  return null;
}

export function predictSubmit(_m: Model, inv: ModelInvoice, person: Person, version: number): Prediction {
  if (!has(person, "FINANCE")) return refuse("role");
  if (version !== inv.version) return refuse("stale-version");
  if (inv.status !== "DRAFT") return refuse("state");
  return ok(() => {
    inv.status = "SUBMITTED";
    disqualify(inv, person, "own-submission");
  });
}

export function predictApprove(m: Model, inv: ModelInvoice, person: Person, version: number): Prediction {
  const refused = mayDecide(inv, person);
  if (refused) return refused;
  if (version !== inv.version) return refuse("stale-version");
  if (inv.status !== "SUBMITTED") return refuse("state");
  if (inv.approvers.has(person)) return refuse("same-approver");
  return ok(() => {
    inv.approvers.add(person);
    if (inv.approvers.size >= requiredApprovers(m, inv)) inv.status = "APPROVED";
  });
}

export function predictReject(_m: Model, inv: ModelInvoice, person: Person, version: number): Prediction {
  const refused = mayDecide(inv, person);
  if (refused) return refused;
  if (version !== inv.version) return refuse("stale-version");
  if (inv.status !== "SUBMITTED" && inv.status !== "APPROVED") return refuse("state");
  return ok(() => {
    inv.approvers.clear();
    inv.status = "DRAFT";
  });
}

export type EditChange = { type: "note" } | { type: "add"; amount: bigint } | { type: "remove" };

/** The line an edit removes: the last manual one (every line of a correction is manual). */
export function removableIndex(inv: ModelInvoice): number {
  for (let i = inv.lines.length - 1; i >= 0; i--) if (inv.lines[i]!.manual) return i;
  return -1;
}

/** How much a credit note may still credit: the original's total less its other credit notes. */
function creditRoom(m: Model, note: ModelInvoice): bigint {
  const original = m.invoices[note.corrects!]!;
  const elsewhere = m.invoices
    .filter((i) => i.kind === "CREDIT_NOTE" && i.corrects === note.corrects && i.slot !== note.slot)
    .filter((i) => i.status !== "VOIDED")
    .reduce((sum, i) => sum - i.totalJpy, 0n);
  return original.totalJpy - elsewhere;
}

export function predictEdit(
  m: Model,
  inv: ModelInvoice,
  person: Person,
  version: number,
  change: EditChange,
): Prediction {
  if (!has(person, "FINANCE")) return refuse("role");
  if (inv.status === "RELEASED" || inv.status === "VOIDED") return refuse("state");
  if (inv.kind === "VOID") return refuse("void-fixed");
  if (version !== inv.version) return refuse("stale-version");
  let lines = inv.lines;
  if (change.type === "add") lines = [...lines, { amount: change.amount, manual: true, service: null }];
  if (change.type === "remove") {
    const index = removableIndex(inv);
    if (index < 0) return refuse("invalid-line");
    lines = lines.filter((_, i) => i !== index);
  }
  // Every saved edit recomputes the totals from the lines.
  const total = totalOf(lines);
  if (inv.kind === "CREDIT_NOTE" && total > 0n) return refuse("invalid-line");
  if (inv.kind === "CREDIT_NOTE" && total < 0n && -total > creditRoom(m, inv)) return refuse("invalid-line");
  return ok(() => {
    inv.lines = lines;
    inv.totalJpy = total;
    inv.version++;
    inv.approvers.clear();
    if (inv.status === "APPROVED") inv.status = "SUBMITTED";
    disqualify(inv, person, "own-edit");
  });
}

/**
 * Generation asked for one group, after new usage arrived or not. A contract's groups are
 * generated together (README, "Fees"); the customer's one contract covers both groups, and both
 * always have usage, so asking for either generates or regenerates both.
 */
export function predictGenerate(m: Model, _group: number, person: Person): Prediction {
  if (!has(person, "FINANCE")) return refuse("role");
  const changes = m.usage.map((_, g) => generateGroup(m, g)).filter((apply) => apply !== null);
  if (changes.length === 0) return noop;
  return ok(() => {
    for (const apply of changes) apply();
  });
}

/** What generation does to one group's draft: create it, regenerate it, or nothing (null). */
function generateGroup(m: Model, group: number): (() => void) | null {
  const usageLines = (): ModelLine[] =>
    [...m.usage[group]!]
      .sort((a, b) => a.service.localeCompare(b.service))
      .map((u) => ({ amount: u.amount, manual: false, service: u.service }));
  const liveSlot = m.live[group]!;
  if (liveSlot === null) {
    return () => {
      const lines = usageLines();
      const slot = m.invoices.length;
      m.invoices.push({
        slot,
        kind: "INVOICE",
        group,
        corrects: null,
        status: "DRAFT",
        version: 1,
        lines,
        totalJpy: totalOf(lines),
        approvers: new Set(),
        disqualified: new Map(),
        released: false,
      });
      m.live[group] = slot;
    };
  }
  const inv = m.invoices[liveSlot]!;
  // Only drafts are regenerated, and only when their usage changed; finance's lines stay.
  if (inv.status !== "DRAFT") return null;
  const computed = usageLines();
  const same =
    computed.length === inv.lines.filter((l) => !l.manual).length &&
    computed.every((l, i) => inv.lines[i]!.service === l.service && inv.lines[i]!.amount === l.amount);
  if (same) return null;
  return () => {
    inv.lines = [...computed, ...inv.lines.filter((l) => l.manual)];
    inv.totalJpy = totalOf(inv.lines);
    inv.version++;
  };
}

export function predictRelease(m: Model, inv: ModelInvoice, person: Person): Prediction {
  if (!has(person, "FINANCE")) return refuse("role");
  if (inv.status !== "APPROVED") return refuse("not-approved");
  if (inv.approvers.size < requiredApprovers(m, inv)) return refuse("approvals-incomplete");
  if (inv.kind === "CREDIT_NOTE" && -inv.totalJpy > creditRoom(m, inv)) return refuse("credit-exceeds-original");
  const original = inv.corrects === null ? null : m.invoices[inv.corrects]!;
  if (inv.kind === "VOID" && original!.status !== "RELEASED") return refuse("void-target");
  return ok(() => {
    inv.status = "RELEASED";
    inv.released = true;
    if (inv.kind === "VOID" && original) {
      original.status = "VOIDED";
      if (original.group !== null && m.live[original.group] === original.slot) m.live[original.group] = null;
    }
  });
}

export function predictCorrection(m: Model, inv: ModelInvoice, person: Person, kind: "VOID" | "CREDIT_NOTE") {
  if (!has(person, "FINANCE")) return refuse("role");
  if (inv.kind !== "INVOICE" || inv.status !== "RELEASED") return refuse("not-released");
  if (kind === "VOID" && m.invoices.some((i) => i.kind === "VOID" && i.corrects === inv.slot))
    return refuse("void-exists");
  return ok(() => {
    const slot = m.invoices.length;
    m.invoices.push({
      slot,
      kind,
      group: null,
      corrects: inv.slot,
      status: "DRAFT",
      version: 1,
      // The original's lines negated, all manual; the totals are the original's negated.
      lines: inv.lines.map((l) => ({ amount: -l.amount, manual: true, service: null })),
      totalJpy: -inv.totalJpy,
      approvers: new Set(),
      disqualified: new Map([[person, new Set<Disqualification>(["own-correction"])]]),
      released: false,
    });
  });
}

/** The invoice page records a manager's view of the version it shows (the current one). */
export function predictView(m: Model, inv: ModelInvoice, person: Person): Prediction {
  return ok(() => {
    if (has(person, "MANAGER")) m.views.add(`${person}|${inv.slot}|${inv.version}`);
  });
}

/** One item of a bulk approval: a manager who opened exactly that version, then every rule. */
export function predictBulkItem(m: Model, inv: ModelInvoice, person: Person, version: number): Prediction {
  if (!has(person, "MANAGER")) return refuse("role");
  if (!m.views.has(`${person}|${inv.slot}|${version}`)) return refuse("not-viewed");
  return predictApprove(m, inv, person, version);
}
