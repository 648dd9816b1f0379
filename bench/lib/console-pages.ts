// The pages the console benchmark measures (and a page that reads nothing, as the floor), each with:
// who opens it, the addresses (varied across the data set), what the HTML must contain to count
// as a success, and the reference: the page's own database work (the session check and the lib
// reads the page calls, with the same arguments) run directly in this process.
export type PageKey = "drafts" | "invoice" | "search" | "customer" | "audit" | "cockpit" | "home";
export type Role = "finance" | "manager" | "support";

export interface PageScenario {
  key: PageKey;
  label: string;
  role: Role;
  /** Address of the i-th request. */
  path: (i: number) => string;
  /** Present in the HTML of a good answer. */
  marker: RegExp;
  /** The page's database work for the i-th request, run directly. */
  reference: (i: number, sessionId: string) => Promise<unknown>;
  /** Measured to show the framework's own cost per request; not one of the issue's targets. */
  floor?: boolean;
}

export interface Samples {
  month: string;
  invoiceIds: string[];
  customerIds: string[];
  searchQueries: string[];
  auditInvoiceIds: string[];
  auditSeqs: string[];
}

/** The lib functions the pages call, imported after the environment is set. */
export async function loadReads() {
  const [
    { checkSession },
    { listDrafts },
    { getInvoicePage },
    { searchLookup },
    { getCustomerLookup },
    { getCustomerContact },
    { queryAudit },
    { parseAuditSearchParams },
    { getHomeCockpit },
  ] = await Promise.all([
    import("@/lib/auth/sessions"),
    import("@/lib/invoices/list-drafts"),
    import("@/lib/invoices/get-invoice-page"),
    import("@/lib/lookup/search"),
    import("@/lib/lookup/get-customer-lookup"),
    import("@/lib/access/get-customer-contact"),
    import("@/lib/audit/query-audit"),
    import("@/lib/audit/audit-search-params"),
    import("@/lib/cockpit/get-home-cockpit"),
  ]);
  return {
    checkSession,
    listDrafts,
    getInvoicePage,
    searchLookup,
    getCustomerLookup,
    getCustomerContact,
    queryAudit,
    parseAuditSearchParams,
    getHomeCockpit,
  };
}

type Reads = Awaited<ReturnType<typeof loadReads>>;

const pick = <T>(items: T[], i: number) => items[(i * 7919) % items.length]!;

export function scenarios(reads: Reads, samples: Samples): PageScenario[] {
  const origin = { ip: "127.0.0.1", userAgent: "bench" };
  const session = async (sessionId: string) => {
    const check = await reads.checkSession(sessionId, origin);
    if (!check.ok) throw new Error(`session ${check.reason}`);
    return check.actor;
  };
  const draftsPages = 20;
  const auditQueries = (i: number) => {
    const variants = [
      "",
      "action=invoice.release",
      "actor=finance%40demo.local",
      `targetType=invoice&targetId=${pick(samples.auditInvoiceIds, i)}`,
      `before=${pick(samples.auditSeqs, i)}`,
      "outcome=REFUSED",
      "action=delivery.sent&actor=finance",
    ];
    return variants[i % variants.length]!;
  };
  const list: PageScenario[] = [
    {
      key: "drafts",
      label: "drafts list (month, 50 a page)",
      role: "finance",
      path: (i) => {
        const page = i % draftsPages ? `&page=${(i % draftsPages) + 1}` : "";
        const sort = i % 3 === 1 ? "&sort=total&dir=desc" : "";
        return `/drafts?month=${samples.month}${page}${sort}`;
      },
      marker: /data-testid="drafts-table"/,
      reference: async (i, sid) => {
        await session(sid);
        return reads.listDrafts({
          month: samples.month,
          page: (i % draftsPages) + 1,
          ...(i % 3 === 1 ? { sort: "total", dir: "desc" } : {}),
        });
      },
    },
    {
      key: "invoice",
      label: "invoice page",
      role: "finance",
      path: (i) => `/invoices/${pick(samples.invoiceIds, i)}`,
      marker: /data-testid="gate-panel"/,
      reference: async (i, sid) => {
        const actor = await session(sid);
        // The page's one read model (view, gate, release and edit status). recordInvoiceView
        // writes only for managers; the bench's finance user does not reach it.
        return reads.getInvoicePage(pick(samples.invoiceIds, i), actor);
      },
    },
    {
      key: "search",
      label: "search box (/lookup?q=)",
      role: "support",
      path: (i) => `/lookup?q=${encodeURIComponent(pick(samples.searchQueries, i))}`,
      marker: /id="main"/,
      reference: async (i, sid) => {
        const actor = await session(sid);
        return reads.searchLookup({ actor, query: pick(samples.searchQueries, i) });
      },
    },
    {
      key: "customer",
      label: "customer page (/lookup/customers/[id])",
      role: "support",
      path: (i) => `/lookup/customers/${pick(samples.customerIds, i)}`,
      marker: /data-testid="customer-name"/,
      reference: async (i, sid) => {
        const actor = await session(sid);
        const customerId = pick(samples.customerIds, i);
        await reads.getCustomerLookup({ actor, customerId });
        return reads.getCustomerContact({ actor, customerId });
      },
    },
    {
      key: "audit",
      label: "audit page (mixed filters)",
      role: "manager",
      path: (i) => `/audit${auditQueries(i) ? `?${auditQueries(i)}` : ""}`,
      marker: /data-testid="audit-(table|empty)"/,
      reference: async (i, sid) => {
        const actor = await session(sid);
        const search = reads.parseAuditSearchParams(new URLSearchParams(auditQueries(i)));
        return reads.queryAudit({ actor, filter: search.filter, before: search.before, pageSize: 50 });
      },
    },
    {
      // The home page is the month's cockpit: finance's counts by state and blockers of the
      // month (and the months for the picker), each one statement, read at once.
      key: "cockpit",
      label: "home page: the month's cockpit (finance)",
      role: "finance",
      path: () => `/?month=${samples.month}`,
      marker: /data-testid="month-states"/,
      reference: async (_i, sid) => {
        const actor = await session(sid);
        return reads.getHomeCockpit({ actor, month: samples.month });
      },
    },
    {
      // The lookup page before a search reads nothing of its own: the session check, the layout
      // and Next.js's rendering of a page are the floor every other page starts from. (The home
      // page was the floor until it became the month's cockpit.)
      key: "home",
      label: "lookup page, no query (floor: session check only)",
      role: "support",
      path: () => "/lookup",
      marker: /data-testid="main-nav"/,
      reference: async (_i, sid) => session(sid),
      floor: true,
    },
  ];
  return list;
}
