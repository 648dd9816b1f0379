// The console's recurring looks, named: a screen says "a panel" or "a secondary button"
// instead of repeating a dozen utilities, and a look changes in one place. Every class is
// written out in full, as Tailwind finds the classes it generates by scanning the sources.

/** Joins class lists, leaving out the false and empty ones of a condition. */
export function cx(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}

/** A white card on the grey page. */
export const panel = "rounded-lg border border-slate-200 bg-white shadow-sm";

/** A row of filters or controls on a panel, wrapping; the caller aligns it (items-end ...). */
export const filterBar = `flex flex-wrap gap-3 ${panel} p-3 text-sm`;

/** A detail page's key facts (month, status, version ...): label-value pairs in a grid on a panel. */
export const factGrid = `grid grid-cols-2 gap-x-8 gap-y-2 ${panel} p-4 text-sm`;

/** A form field (input or select) in a filter bar or a settings form. */
export const formField = "rounded-md border border-slate-300 px-2 py-1.5";

const BUTTON_TONE = {
  /** The main action of a screen or form. */
  primary: "bg-slate-900 text-white disabled:opacity-60",
  /** Approving, the gate's positive decision. */
  approve: "bg-green-700 text-white disabled:opacity-60",
  /** Confirming a rejection. */
  danger: "bg-red-700 text-white disabled:opacity-60",
  /** Opening a rejection, before it is confirmed. */
  dangerOutline: "border border-red-300 bg-white text-red-800",
  /** Any other action beside the main one, or a link that looks like a button. */
  secondary: "border border-slate-300 bg-white hover:bg-slate-50",
} as const;

const BUTTON_SIZE = {
  md: "rounded-md px-4 py-2 text-sm",
  sm: "rounded-md px-3 py-1.5 text-sm",
  /** Inside a table row. */
  xs: "rounded px-2 py-1 text-xs",
} as const;

export function button(tone: keyof typeof BUTTON_TONE, size: keyof typeof BUTTON_SIZE = "md"): string {
  return `${BUTTON_SIZE[size]} ${BUTTON_TONE[tone]}`;
}

const SEGMENT_STATE = {
  current: "bg-slate-900 text-white",
  other: "border border-slate-300 bg-white hover:bg-slate-50",
  /** Shown, so the person sees the option exists, but nothing to open. */
  unavailable: "cursor-not-allowed border border-dashed border-slate-300 text-slate-400",
} as const;

/** One of a few views side by side, such as the comparisons of an invoice's history. */
export function segment(state: keyof typeof SEGMENT_STATE): string {
  return `rounded-md px-3 py-1.5 text-sm ${SEGMENT_STATE[state]}`;
}

const CHOICE_STATE = {
  chosen: "border-slate-900 bg-slate-900 text-white",
  other: "border-slate-300 bg-white hover:bg-slate-50",
} as const;

/** One of several choices (a month, a duration), the chosen one filled; the caller sizes it. */
export function choice(chosen: boolean): string {
  return `rounded-md border ${CHOICE_STATE[chosen ? "chosen" : "other"]}`;
}

/** A small label on a value (a status, a flag); the caller adds its colours. */
export const badge = "rounded px-1.5 py-0.5 text-xs";

/** A count beside a heading; the caller adds its colours. */
export const countBadge = "rounded-full px-2 py-0.5 text-xs font-medium";
