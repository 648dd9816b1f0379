// The home page: for the chosen month and the person's roles, what is left and what blocks it.
// Each part is read only for the people it is for (decided by the policy), each by one
// statement, all at once:
//   finance, managers, admins (drafts.view): the month's invoices by state, and its blockers;
//   managers (approvals.view): their approval queue; (accessGrant.decide) support's requests;
//   support (accessGrant.request): what they opened last, and their own open requests.
import { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import { monthParam } from "@/lib/http/search-params";
import { can } from "@/lib/authz/policy";
import { listMonths } from "@/lib/invoices/list-drafts";
import { monthStateCounts } from "@/lib/invoices/month-state-counts";
import { chooseMonth } from "@/lib/months/asked-month";
import { accessToDecide, approvalQueueSummary } from "./manager-summary";
import { monthBlockers } from "./month-blockers";
import { nextStep } from "./next-step";
import { supportSummary } from "./support-summary";

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The home page's query string (lib/http/search-params.ts): a month that is no month is said so. */
export const homeSearchSchema = z.object({ month: monthParam.optional() });

export async function getHomeCockpit({
  actor,
  month: requested,
  now = new Date(),
}: {
  actor: Actor;
  month?: string;
  now?: Date;
}) {
  const cockpit = await readCockpit({ actor, month: requested, now });
  // An address naming a month the console has nothing for (an old or edited link, or no month at
  // all) shows the newest month instead, and the page says so; only that rare case reads twice.
  const chosen = cockpit.month === null ? { month: null, unknown: null } : chooseMonth(requested, cockpit.months);
  const shown = chosen.month === cockpit.month ? cockpit : await readCockpit({ actor, month: chosen.month, now });
  return { ...shown, unknownMonth: chosen.unknown };
}

async function readCockpit({ actor, month: requested, now }: { actor: Actor; month?: string | null; now: Date }) {
  const seesMonth = can(actor, "drafts.view");
  const asked = requested && MONTH.test(requested) ? requested : undefined;
  const monthsRead = seesMonth ? listMonths() : Promise.resolve([] as string[]);
  // A month named in the address is read at once, beside the month list; otherwise the newest.
  const month = seesMonth ? (asked ?? (await monthsRead)[0] ?? null) : null;
  const [months, counts, blockers, queue, access, support] = await Promise.all([
    monthsRead,
    month ? monthStateCounts(month, now) : null,
    month ? monthBlockers(month) : null,
    can(actor, "approvals.view") ? approvalQueueSummary(actor) : null,
    can(actor, "accessGrant.decide") ? accessToDecide(actor) : null,
    can(actor, "accessGrant.request") ? supportSummary(actor, now) : null,
  ]);
  return {
    month,
    months,
    counts,
    blockers,
    queue,
    access,
    support,
    next: month ? nextStep({ month, roles: actor.roles, counts, blockers, queue: queue?.waiting ?? null }) : null,
    can: {
      setFxRates: can(actor, "admin.fxRates"),
      assignProjects: can(actor, "admin.assignments"),
      seeUsage: can(actor, "usage.view"),
      approve: can(actor, "approvals.view"),
      release: can(actor, "invoice.release"),
      generate: can(actor, "drafts.generate"),
    },
  };
}

export type HomeCockpit = Awaited<ReturnType<typeof getHomeCockpit>>;
