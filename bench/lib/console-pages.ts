// The pages the console benchmark measures (and a page that reads nothing, as the floor), each with:
// who opens it, the addresses (varied across the data set), what the HTML must contain to count
// as a success, and the page's own database work (the session check and the lib reads the page
// calls, with the same arguments), run in this process to write the queries' plans.
export type PageKey = "drafts" | "invoice" | "search" | "customer" | "audit" | "cockpit" | "ready" | "home";
export type Role = "finance" | "manager" | "support";

export interface PageScenario {
  key: PageKey;
  label: string;
  role: Role;
  /** Address of the i-th request. */
  path: (i: number) => string;
  /** Present in the HTML of a good answer. */
  marker: RegExp;
  /** The page's database work for the i-th request, run directly (its plans are written). */
  reference: (i: number, sessionId: string) => Promise<unknown>;
  /** Requests whose plans are written: one of each kind of address the page is measured with. */
  planned: number[];
  /** Measured to show the framework's own cost per request; not one of the issue's targets. */
  floor?: boolean;
}

export interface Samples {
  month: string;
  invoiceIds: string[];
  customerIds: string[];
  searchQueries: string[];
  /** What kind of query each of searchQueries is (name, kana, latin, code, project, number, total). */
  searchKinds: string[];
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
    { listReadyToRelease },
    { listMonths },
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
    import("@/lib/release/list-ready-to-release"),
    import("@/lib/invoices/list-drafts"),
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
    listReadyToRelease,
    listMonths,
  };
}

type Reads = Awaited<ReturnType<typeof loadReads>>;

const pick = <T>(items: T[], i: number) => items[(i * 7919) % items.length]!;
/** The request i that picks items[index] (7919 is prime, so every index is reached). */
const requestPicking = (length: number, index: number) =>
  Array.from({ length }, (_, i) => i).find((i) => (i * 7919) % length === index) ?? 0;

export function scenarios(reads: Reads, samples: Samples): PageScenario[] {
  const origin = { ip: "127.0.0.1", userAgent: "bench" };
  const session = async (sessionId: string) => {
    const check = await reads.checkSession(sessionId, origin);
    if (!check.ok) throw new Error(`session ${check.reason}`);
    return check.actor;
  };
  const draftsPages = 20;
  const searchPlanned = [...new Set(samples.searchKinds)].map((kind) =>
    requestPicking(samples.searchQueries.length, samples.searchKinds.indexOf(kind)),
  );
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
      planned: [0, 1, 18, 19],
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
      planned: [0, 1],
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
      planned: searchPlanned,
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
      planned: [0, 1],
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
      planned: [0, 1, 2, 3, 4, 5, 6],
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
      planned: [0],
      marker: /data-testid="month-states"/,
      reference: async (_i, sid) => {
        const actor = await session(sid);
        return reads.getHomeCockpit({ actor, month: samples.month });
      },
    },
    {
      // Finance's ready-to-release list (the releases page's first tab), all months and the month's.
      key: "ready",
      label: "ready-to-release list (/releases?show=ready)",
      role: "finance",
      path: (i) => `/releases?show=ready${i % 2 ? `&month=${samples.month}` : ""}`,
      planned: [0, 1],
      marker: /data-testid="ready-(to-release|empty)"/,
      reference: async (i, sid) => {
        await session(sid);
        return Promise.all([reads.listMonths(), reads.listReadyToRelease(i % 2 ? { month: samples.month } : {})]);
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
      planned: [0],
      marker: /data-testid="main-nav"/,
      reference: async (_i, sid) => session(sid),
      floor: true,
    },
  ];
  return list;
}
