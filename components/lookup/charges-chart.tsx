"use client";
// Charges by month as stacked bars, one colour per large project, the rest together and the
// customer-level lines (fees, discounts, adjustments) on their own. Amounts arrive as integer-yen
// strings; they become numbers only for bar heights (exact below 2^53 yen), and the table next
// to the chart shows the same figures formatted from the strings.
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale, useT } from "@/lib/i18n/client";
import { formatYen } from "@/lib/i18n/format";
import { lookupMessages } from "@/lib/i18n/messages/lookup";

const COLORS = ["#1e3a8a", "#0f766e", "#b45309", "#7c3aed", "#be123c", "#64748b", "#a3a3a3"];
const OTHER = "__other__";
const CUSTOMER = "__customer__";

export interface ChartMonth {
  month: string;
  totalJpy: string;
  byProject: Record<string, string>;
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

export function ChargesChart({
  months,
  series,
  selected,
}: {
  months: ChartMonth[];
  series: string[];
  selected: string | null;
}) {
  const t = useT(lookupMessages);
  const locale = useLocale();
  const router = useRouter();
  const data = useMemo(() => {
    // Months without invoices between the first and the last still get their (empty) place.
    const byMonth = new Map(months.map((m) => [m.month, m]));
    const rows: Array<Record<string, string | number>> = [];
    const first = months[0]?.month;
    const last = months.at(-1)?.month;
    if (!first || !last) return rows;
    for (let m = first; m <= last; m = nextMonth(m)) {
      const row: Record<string, string | number> = { month: m };
      const found = byMonth.get(m);
      for (const key of series) row[key] = found?.byProject[key] ? Number(found.byProject[key]) : 0;
      rows.push(row);
    }
    return rows;
  }, [months, series]);
  const label = (key: string) => (key === OTHER ? t("otherProjects") : key === CUSTOMER ? t("customerLevel") : key);
  const compact = useMemo(
    () => new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { notation: "compact", maximumFractionDigits: 1 }),
    [locale],
  );

  return (
    <figure className="h-72 w-full" role="img" aria-label={t("chartLabel")} data-testid="charges-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="month" tick={{ fontSize: 12, fill: "#475569" }} />
          <YAxis
            tickFormatter={(v: number) => `¥${compact.format(v)}`}
            tick={{ fontSize: 12, fill: "#475569" }}
            width={64}
          />
          <Tooltip
            formatter={(value, name) => [formatYen(Math.round(Number(value)), locale), label(String(name))]}
            labelFormatter={(m) => String(m)}
            cursor={{ fill: "#f1f5f9" }}
          />
          <Legend formatter={(value: string) => <span className="text-xs text-slate-700">{label(value)}</span>} />
          {series.map((key, i) => (
            <Bar
              key={key}
              dataKey={key}
              stackId="charges"
              fill={
                COLORS[
                  key === CUSTOMER ? COLORS.length - 1 : key === OTHER ? COLORS.length - 2 : i % (COLORS.length - 2)
                ]
              }
              isAnimationActive={false}
              cursor="pointer"
              onClick={(d) => {
                const month = (d as { payload?: { month?: unknown } }).payload?.month;
                if (typeof month === "string") router.push(`?month=${month}#month-charges`, { scroll: false });
              }}
            >
              {data.map((row) => (
                <Cell key={String(row.month)} fillOpacity={!selected || row.month === selected ? 1 : 0.45} />
              ))}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
