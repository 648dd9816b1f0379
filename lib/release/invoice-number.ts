// Invoice numbers: gap-free per prefix and fiscal year, e.g. INV-2026-000123. The counter is
// taken inside the release transaction (release-invoice.ts), so a rolled-back release leaves
// no gap. Dates on invoices are calendar dates in Japan time.

const JAPAN_TIME_ZONE = "Asia/Tokyo";
export const DEFAULT_FISCAL_YEAR_START_MONTH = 4;
export const DEFAULT_NUMBER_PREFIX = "INV";

/** The calendar date (YYYY-MM-DD) of an instant in Japan, whatever the server's time zone. */
export function japanDate(instant: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: JAPAN_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

/** A PostgreSQL `date` column as read (midnight UTC) back to YYYY-MM-DD. */
export function dateOnly(value: Date): string;
export function dateOnly(value: Date | null): string | null;
export function dateOnly(value: Date | null): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

/**
 * The fiscal year a date falls in, named by the calendar year it starts in: with an April
 * start, 2027-03-31 is in fiscal 2026 and 2027-04-01 in fiscal 2027.
 */
export function fiscalYearOf(date: string, startMonth = DEFAULT_FISCAL_YEAR_START_MONTH): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12)
    throw new RangeError(`fiscal year start month must be 1-12, not ${startMonth}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month >= startMonth ? year : year - 1;
}

const PREFIX = /^[A-Z][A-Z0-9]{0,9}$/;

export function isValidNumberPrefix(prefix: string) {
  return PREFIX.test(prefix);
}

export function formatInvoiceNumber(prefix: string, fiscalYear: number, sequence: number): string {
  if (!isValidNumberPrefix(prefix))
    throw new RangeError(
      `invoice number prefix must be 1-10 capital letters or digits, starting with a letter: ${prefix}`,
    );
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`sequence must be a positive integer, not ${sequence}`);
  return `${prefix}-${fiscalYear}-${String(sequence).padStart(6, "0")}`;
}

/** The billed month's first and last calendar day: the transaction period printed on the invoice. */
export function periodOfMonth(month: string): { start: string; end: string } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError(`not a YYYY-MM month: ${month}`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(lastDay).padStart(2, "0")}` };
}
