// The steps of the model-based gate test: each calls the real domain command (the one the
// server action calls) as a demo person, next to the model's prediction, then checks after
// every step that prediction and database agree, that a refused step changed no row and was
// audited, and that the gate's invariants hold (observe.ts).
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { db } from "@/lib/db";
import { isAppError, Refusal } from "@/lib/errors";
import { approveInvoice } from "@/lib/gate/approve-invoice";
import { bulkApprove } from "@/lib/gate/bulk-approve";
import { recordInvoiceView } from "@/lib/gate/record-invoice-view";
import { rejectInvoice } from "@/lib/gate/reject-invoice";
import { submitInvoice } from "@/lib/gate/submit-invoice";
import { editInvoice } from "@/lib/invoices/edit-invoice";
import { generateDrafts } from "@/lib/invoices/generate-drafts";
import { createCorrection } from "@/lib/release/create-correction";
import { releaseInvoice } from "@/lib/release/release-invoice";
import type { Role } from "@/lib/generated/prisma/enums";
import {
  type EditChange,
  type Model,
  type ModelInvoice,
  type Person,
  PEOPLE,
  type Prediction,
  predictApprove,
  predictBulkItem,
  predictCorrection,
  predictEdit,
  predictGenerate,
  predictReject,
  predictRelease,
  predictSubmit,
  predictView,
  ROLES,
  type Staleness,
  versionFor,
} from "./model";
import { approversOf, gateViolations, type Observation, observe } from "./observe";
import { addUsage, type World } from "./world";

export interface Real {
  world: World;
  month: string;
  /** Invoice ids by model slot (the order the run created them in). */
  ids: string[];
  /** The database as the previous step left it. */
  last: Observation;
  stats: { steps: number };
  /** What this sequence did so far, as resolved when it ran (for the failure message). */
  trace: string[];
}

/** A disagreement between the model, the database and the gate's rules: the test fails with it. */
export class GateModelViolation extends Error {
  /** The steps of the failing sequence as they ran (the setup's generations first). */
  readonly trace: readonly string[];
  constructor(
    readonly problem: string,
    trace: readonly string[],
  ) {
    super(`${problem}\n  after the steps:\n${trace.map((t, i) => `    ${i + 1}. ${t}`).join("\n")}`);
    this.trace = [...trace];
  }
}

type Outcome = { ok: true; value?: unknown } | { ok: false; rule: string };

async function attempt(command: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await command() };
  } catch (error) {
    // A refusal names its rule; anything else is a crash, and fails the run as it is.
    if (error instanceof Refusal) return { ok: false, rule: error.rule };
    if (isAppError(error)) return { ok: false, rule: String(error.details?.rule ?? error.code) };
    throw error;
  }
}

interface Expectation {
  prediction: Prediction;
  outcome: Outcome;
  person: Person;
  /** The audited action, and the invoice a refusal names (none for generation). */
  action: string;
  targetId: string | null;
}

const said = (p: { ok: boolean; rule?: string }) => (p.ok ? "success" : `refusal "${p.rule}"`);

/** Compares the step's results, the database and the model; records the new observation. */
async function settle(m: Model, r: Real, description: string, expectations: Expectation[]) {
  r.stats.steps++;
  r.trace.push(
    `${description}: ${expectations.map((e) => (e.outcome.ok ? "done" : `refused (${e.outcome.rule})`)).join(", ")}`,
  );
  const fail = (problem: string) => new GateModelViolation(problem, r.trace);
  const before = r.last;
  const after = await observe(r.world.customerId, r.month, before.maxSeq);
  const digests = (o: Observation) => new Map(o.invoices.map((i) => [i.id, i.digest]));
  const [was, now] = [digests(before), digests(after)];
  const unchanged = (id: string | null) =>
    id === null ? [...was].every(([k, v]) => now.get(k) === v) && now.size === was.size : was.get(id) === now.get(id);

  let refusals = 0;
  for (const e of expectations) {
    const { prediction: p, outcome: o } = e;
    if (p.ok !== o.ok || (!p.ok && !o.ok && p.rule !== o.rule))
      throw fail(`${e.person} ${e.action}: the model predicted ${said(p)}, the command gave ${said(o)}`);
    if (o.ok) continue;
    refusals++;
    // A refused step changes no row, and leaves a refusal in the audit log naming its rule.
    if (!unchanged(e.targetId)) throw fail(`${e.person} ${e.action} was refused (${o.rule}) but changed rows`);
    const audited = after.refused.some(
      (a) =>
        a.action === e.action &&
        a.actorId === r.world.people[e.person].id &&
        a.targetId === e.targetId &&
        a.reason?.startsWith(`${o.rule}:`),
    );
    if (!audited) throw fail(`${e.person} ${e.action} was refused (${o.rule}) without a REFUSED audit event`);
  }
  if (after.refused.length !== refusals)
    throw fail(`${after.refused.length} refusals were audited for ${refusals} refused step(s)`);
  for (const e of expectations) if (e.prediction.ok) e.prediction.apply();
  if (expectations.every((e) => e.prediction.ok && e.prediction.noop) && !unchanged(null))
    throw fail("a step that should have changed nothing changed rows");

  identifyNewInvoices(m, r, after, fail);
  compare(m, r, after, fail);
  // The gate's promise, from the database alone.
  const violations = gateViolations(after, m.thresholdJpy);
  if (violations.length) throw fail(`GATE VIOLATED: ${violations.join("; ")}`);
  r.last = after;
}

/** Gives the invoices a step created their model slots. */
type Fail = (problem: string) => Error;

function identifyNewInvoices(m: Model, r: Real, after: Observation, fail: Fail) {
  for (const inv of m.invoices.slice(r.ids.length)) {
    const found = after.invoices.find(
      (o) =>
        !r.ids.includes(o.id) &&
        o.kind === inv.kind &&
        (inv.kind === "INVOICE"
          ? o.billingGroupId === r.world.groups[inv.group!]!.id
          : o.correctsInvoiceId === r.ids[inv.corrects!]),
    );
    if (!found) throw fail(`the model expected a new ${inv.kind} #${inv.slot}, the database has none`);
    r.ids.push(found.id);
  }
}

const RULE_OF_ACT = {
  SUBMITTED: "own-submission",
  EDITED: "own-edit",
  CORRECTION_REQUESTED: "own-correction",
} as const;

/** The model's invoices against the database's, field by field. */
function compare(m: Model, r: Real, after: Observation, fail: Fail) {
  if (after.invoices.length !== m.invoices.length)
    throw fail(`the model has ${m.invoices.length} invoices, the database ${after.invoices.length}`);
  const personOf = new Map(Object.entries(r.world.people).map(([p, a]) => [a.id, p]));
  for (const inv of m.invoices) {
    const o = after.invoices.find((x) => x.id === r.ids[inv.slot])!;
    const expected = {
      kind: inv.kind,
      status: inv.status,
      version: inv.version,
      totalJpy: inv.totalJpy.toString(),
      released: inv.released,
      approvers: [...inv.approvers].sort().join(","),
      participants: [...inv.disqualified]
        .map(([p, rules]) => `${p}:${[...rules].sort().join("+")}`)
        .sort()
        .join(" "),
    };
    const byPerson = new Map<string, Set<string>>();
    for (const p of o.participants) {
      const who = personOf.get(p.userId) ?? p.userId;
      byPerson.set(who, (byPerson.get(who) ?? new Set()).add(RULE_OF_ACT[p.act]));
    }
    const actual = {
      kind: o.kind,
      status: o.status,
      version: o.version,
      totalJpy: o.totalJpy,
      released: o.number !== null,
      approvers: [...approversOf(o)]
        .map((id) => personOf.get(id) ?? id)
        .sort()
        .join(","),
      participants: [...byPerson]
        .map(([p, rules]) => `${p}:${[...rules].sort().join("+")}`)
        .sort()
        .join(" "),
    };
    for (const key of Object.keys(expected) as Array<keyof typeof expected>)
      if (expected[key] !== actual[key])
        throw fail(
          `invoice #${inv.slot} ${key}: the model says ${JSON.stringify(expected[key])}, ` +
            `the database ${JSON.stringify(actual[key])}`,
        );
  }
}

// ---------------------------------------------------------------- the commands

/**
 * Who acts. Everyone may try anything (refusals are checked too), but the choice leans to
 * people who can: someone holding the role the step needs, and most of all an insider, who
 * already submitted, edited or requested the invoice: the person the separation rules are about.
 */
export type Who = { kind: "insider" | "role"; pick: number } | { kind: "anyone"; person: Person };

/** Which invoice: one in a state the step applies to, or any; `pick` chooses among them. */
export interface Target {
  kind: "fit" | "any";
  pick: number;
}

const FITS: Record<string, (i: ModelInvoice) => boolean> = {
  submit: (i) => i.status === "DRAFT",
  approve: (i) => i.status === "SUBMITTED",
  reject: (i) => i.status === "SUBMITTED" || i.status === "APPROVED",
  edit: (i) => i.status === "DRAFT" || i.status === "SUBMITTED" || i.status === "APPROVED",
  view: (i) => i.status === "SUBMITTED",
  release: (i) => i.status === "APPROVED",
  correct: (i) => i.kind === "INVOICE" && i.status === "RELEASED",
};

function resolveTarget(m: Model, verb: string, target: Target): ModelInvoice {
  const fitting = m.invoices.filter(FITS[verb]!);
  const among = target.kind === "fit" && fitting.length ? fitting : m.invoices;
  return among[target.pick % among.length]!;
}

function resolveWho(who: Who, role: Role, inv: ModelInvoice | null): Person {
  if (who.kind === "anyone") return who.person;
  const holders = PEOPLE.filter((p) => ROLES[p].includes(role));
  const insiders = inv ? holders.filter((p) => inv.disqualified.has(p)) : [];
  const among = who.kind === "insider" && insiders.length ? insiders : holders;
  return among[who.pick % among.length]!;
}

abstract class Step implements fc.AsyncCommand<Model, Real> {
  /** What the step did when it last ran, for toString. */
  protected last = "";
  check() {
    return true;
  }
  abstract run(m: Model, r: Real): Promise<void>;
  abstract describe(): string;
  toString() {
    return this.last || this.describe();
  }
}

const whoText = (who: Who) => (who.kind === "anyone" ? who.person : who.kind === "insider" ? "an insider" : "someone");
const seenText = (s: Staleness) => (s === "current" ? "" : ` (${s} version)`);

export class Generate extends Step {
  constructor(
    readonly group: number,
    readonly who: Who,
    readonly newUsage: bigint | null,
  ) {
    super();
  }
  describe() {
    return `${whoText(this.who)} generates group ${this.group}${this.newUsage === null ? "" : ` after new usage`}`;
  }
  async run(m: Model, r: Real) {
    const person = resolveWho(this.who, "FINANCE", null);
    if (this.newUsage !== null) {
      // New usage arrives for the group (an import): not an act of the person, so it happens anyway.
      const service = `svc-${String(++m.counter).padStart(4, "0")}`;
      m.usage[this.group]!.push({ service, amount: this.newUsage });
      await addUsage(r.world, r.month, this.group, service, this.newUsage);
    }
    const usage = this.newUsage === null ? "" : ` after new usage of ${this.newUsage} yen`;
    this.last = `${person} generates group ${this.group}${usage}`;
    const prediction = predictGenerate(m, this.group, person);
    const outcome = await attempt(() =>
      generateDrafts({
        actor: r.world.people[person],
        month: r.month,
        billingGroupIds: [r.world.groups[this.group]!.id],
      }),
    );
    await settle(m, r, this.last, [{ prediction, outcome, person, action: "drafts.generate", targetId: null }]);
  }
}

type Verb = "submit" | "approve" | "reject" | "edit" | "view" | "release" | "correct";
const ROLE_OF: Record<Verb, Role> = {
  submit: "FINANCE",
  approve: "MANAGER",
  reject: "MANAGER",
  edit: "FINANCE",
  view: "MANAGER",
  release: "FINANCE",
  correct: "FINANCE",
};

/** A step by one person on one invoice. */
class OnInvoice extends Step {
  constructor(
    readonly verb: Verb,
    readonly target: Target,
    readonly who: Who,
    readonly staleness: Staleness = "current",
    readonly change: EditChange = { type: "note" },
    readonly correction: "VOID" | "CREDIT_NOTE" = "VOID",
  ) {
    super();
  }
  describe() {
    const what = this.verb === "correct" ? `requests a ${this.correction.toLowerCase()} of` : `${this.verb}s`;
    const which = this.target.kind === "fit" ? "a fitting" : "any";
    return `${whoText(this.who)} ${what} ${which} invoice${seenText(this.staleness)}`;
  }
  async run(m: Model, r: Real) {
    await this.runOn(m, r, resolveTarget(m, this.verb, this.target));
  }
  async runOn(m: Model, r: Real, inv: ModelInvoice) {
    const invoiceId = r.ids[inv.slot]!;
    const person = resolveWho(this.who, ROLE_OF[this.verb], inv);
    const actor = r.world.people[person];
    const expectedVersion = versionFor(inv, this.staleness);
    const seen = seenText(this.staleness);
    let prediction: Prediction;
    let command: () => Promise<unknown>;
    let action = `invoice.${this.verb}`;
    switch (this.verb) {
      case "submit":
        this.last = `${person} submits #${inv.slot}${seen}`;
        prediction = predictSubmit(m, inv, person, expectedVersion);
        command = () => submitInvoice({ actor, invoiceId, expectedVersion });
        break;
      case "approve":
        this.last = `${person} approves #${inv.slot}${seen}`;
        prediction = predictApprove(m, inv, person, expectedVersion);
        command = () => approveInvoice({ actor, invoiceId, expectedVersion });
        break;
      case "reject":
        this.last = `${person} rejects #${inv.slot}${seen}`;
        prediction = predictReject(m, inv, person, expectedVersion);
        command = () => rejectInvoice({ actor, invoiceId, expectedVersion, reason: "the model test rejects it" });
        break;
      case "view":
        this.last = `${person} opens #${inv.slot}`;
        prediction = predictView(m, inv, person);
        command = () => recordInvoiceView({ actor, invoiceId, version: inv.version });
        break;
      case "release":
        this.last = `${person} releases #${inv.slot}`;
        prediction = predictRelease(m, inv, person);
        command = () => releaseInvoice({ actor, invoiceId });
        break;
      case "correct":
        this.last = `${person} requests a ${this.correction === "VOID" ? "void" : "credit note"} of #${inv.slot}`;
        prediction = predictCorrection(m, inv, person, this.correction);
        command = () =>
          createCorrection({ actor, invoiceId, kind: this.correction, reason: "the model test corrects it" });
        break;
      case "edit": {
        const change = this.change;
        this.last = `${person} ${
          change.type === "note"
            ? "changes the printed note of"
            : change.type === "add"
              ? `adds a line of ${change.amount} yen to`
              : "removes the last manual line of"
        } #${inv.slot}${seen}`;
        prediction = predictEdit(m, inv, person, expectedVersion, change);
        const changes = await editPayload(m, invoiceId, change);
        command = () => editInvoice({ actor, invoiceId, expectedVersion, changes });
        break;
      }
    }
    if (this.verb === "view") action = "invoice.view";
    const outcome = await attempt(command);
    await settle(m, r, this.last, [{ prediction, outcome, person, action, targetId: invoiceId }]);
  }
}

/**
 * The invoice's next step in the gate, whatever it is: submit a draft, approve or reject a
 * submitted one, release or reject an approved one, correct a released one. Sequences of
 * uniformly chosen steps mostly knock on closed doors; these walk invoices through rounds
 * (submitted, rejected, resubmitted, approved, released, corrected) where the rules matter.
 */
class Advance extends Step {
  constructor(
    readonly pick: number,
    readonly who: Who,
    readonly choice: number,
  ) {
    super();
  }
  describe() {
    return `${whoText(this.who)} takes an invoice's next step`;
  }
  async run(m: Model, r: Real) {
    const open = m.invoices.filter(
      (i) => i.status === "DRAFT" || i.status === "SUBMITTED" || i.status === "APPROVED" || FITS.correct!(i),
    );
    const among = open.length ? open : m.invoices;
    const inv = among[this.pick % among.length]!;
    const decide = this.choice % 5 < 3;
    const verb: Verb =
      inv.status === "DRAFT"
        ? "submit"
        : inv.status === "SUBMITTED"
          ? decide
            ? "approve"
            : "reject"
          : inv.status === "APPROVED"
            ? decide
              ? "release"
              : "reject"
            : "correct";
    const step = new OnInvoice(
      verb,
      { kind: "fit", pick: 0 },
      this.who,
      "current",
      { type: "note" },
      this.choice % 2 ? "VOID" : "CREDIT_NOTE",
    );
    await step.runOn(m, r, inv);
    this.last = step.toString();
  }
}

/** The edit form's payload for a change (a removal names the line as the form would). */
async function editPayload(m: Model, invoiceId: string, change: EditChange) {
  if (change.type === "note") return { notesPrinted: `note ${++m.counter}` };
  if (change.type === "add")
    return {
      added: [
        {
          kind: "MANUAL",
          description: "model line",
          amountJpy: change.amount.toString(),
          taxRate: "STANDARD_10",
          reason: "the model test adds it",
        },
      ],
    };
  // The last manual line; when there is none, a computed line (which may not be removed).
  const line =
    (await db.invoiceLine.findFirst({ where: { invoiceId, manual: true }, orderBy: { position: "desc" } })) ??
    (await db.invoiceLine.findFirst({ where: { invoiceId }, orderBy: { position: "asc" } }));
  return { removed: [line?.id ?? randomUUID()] };
}

class BulkApprove extends Step {
  constructor(
    readonly who: Who,
    readonly items: ReadonlyArray<{ target: Target; staleness: Staleness }>,
  ) {
    super();
  }
  describe() {
    return `${whoText(this.who)} approves ${this.items.length} invoice(s) in bulk`;
  }
  async run(m: Model, r: Real) {
    const targets = this.items.map((i) => ({ inv: resolveTarget(m, "approve", i.target), staleness: i.staleness }));
    const person = resolveWho(this.who, "MANAGER", targets[0]!.inv);
    const items = targets.map((t) => ({
      slot: t.inv.slot,
      invoiceId: r.ids[t.inv.slot]!,
      expectedVersion: versionFor(t.inv, t.staleness),
    }));
    this.last = `${person} approves in bulk ${targets.map((t) => `#${t.inv.slot}${seenText(t.staleness)}`).join(", ")}`;
    // Like the command: one decision per invoice, in the order given; a repeated invoice keeps its last version.
    const unique = [...new Map(items.map((i) => [i.invoiceId, i])).values()];
    const predictions = unique.map((i) => predictBulkItem(m, m.invoices[i.slot]!, person, i.expectedVersion));
    const results = await bulkApprove({ actor: r.world.people[person], items });
    if (results.length !== unique.length)
      throw new GateModelViolation(`bulk approval answered ${results.length} of ${unique.length} invoices`, r.trace);
    await settle(
      m,
      r,
      this.last,
      unique.map((item, k) => {
        const result = results[k]!;
        return {
          prediction: predictions[k]!,
          outcome: result.ok ? { ok: true } : { ok: false, rule: result.rule },
          person,
          action: "invoice.approve",
          targetId: item.invoiceId,
        };
      }),
    );
  }
}

// ---------------------------------------------------------------- the arbitraries

const weighted = <T>(pairs: Array<[T, number]>) =>
  fc.oneof(...pairs.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));

const pick = fc.nat({ max: 11 });
const who: fc.Arbitrary<Who> = fc.oneof(
  { weight: 3, arbitrary: pick.map((p) => ({ kind: "insider" as const, pick: p })) },
  { weight: 5, arbitrary: pick.map((p) => ({ kind: "role" as const, pick: p })) },
  { weight: 2, arbitrary: fc.constantFrom(...PEOPLE).map((person) => ({ kind: "anyone" as const, person })) },
);
const target: fc.Arbitrary<Target> = fc.record({
  kind: weighted<Target["kind"]>([
    ["fit", 4],
    ["any", 1],
  ]),
  pick,
});
const staleness = weighted<Staleness>([
  ["current", 9],
  ["older", 1],
  ["newer", 1],
]);

/** Amounts as shares of the two-approver threshold, so that some invoices cross it and some do not. */
export const share = (thresholdJpy: bigint, percent: bigint) => {
  const amount = (thresholdJpy * percent) / 100n;
  return amount > 0n ? amount : 1n;
};

export function gateCommands(thresholdJpy: bigint, maxCommands: number) {
  const amount = fc.constantFrom(2n, 12n, 33n).map((p) => share(thresholdJpy, p));
  const usage = fc.option(
    fc.constantFrom(3n, 16n).map((p) => share(thresholdJpy, p)),
    { freq: 2 },
  );
  const change: fc.Arbitrary<EditChange> = fc.oneof(
    fc.constant({ type: "note" as const }),
    amount.map((a) => ({ type: "add" as const, amount: a })),
    fc.constant({ type: "remove" as const }),
  );
  const step = (verb: Verb, weight: number) => ({
    weight,
    arbitrary: fc.tuple(target, who, staleness).map(([t, w, s]): Step => new OnInvoice(verb, t, w, s)),
  });
  return fc.commands<Model, Real, false>(
    [
      fc.oneof(
        {
          weight: 8,
          arbitrary: fc.tuple(pick, who, fc.nat({ max: 9 })).map(([p, w, c]): Step => new Advance(p, w, c)),
        },
        step("submit", 2),
        step("approve", 2),
        step("reject", 1),
        step("view", 1),
        step("release", 1),
        {
          weight: 2,
          arbitrary: fc
            .tuple(target, who, staleness, change)
            .map(([t, w, s, c]): Step => new OnInvoice("edit", t, w, s, c)),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(target, who, fc.constantFrom("VOID" as const, "CREDIT_NOTE" as const))
            .map(([t, w, k]): Step => new OnInvoice("correct", t, w, "current", { type: "note" }, k)),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(who, fc.array(fc.record({ target, staleness }), { minLength: 1, maxLength: 3 }))
            .map(([w, items]): Step => new BulkApprove(w, items)),
        },
        {
          weight: 1,
          arbitrary: fc.tuple(fc.constantFrom(0, 1), who, usage).map(([g, w, u]): Step => new Generate(g, w, u)),
        },
      ),
    ],
    // Sequences of about ten steps on average, at most maxCommands.
    { maxCommands, size: "medium" },
  );
}
