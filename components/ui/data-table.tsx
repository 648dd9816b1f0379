// The console's plain data table: white, with a grey row of column headings and the rows
// given as children. The list and lookup pages share this markup; a table with its own
// heading behaviour (sortable columns, a chart's legend) keeps its own.
export interface Column {
  label: React.ReactNode;
  /** Amounts and counts: the heading is right-aligned over them. */
  numeric?: boolean;
  /** More classes for the heading cell, such as a fixed width. */
  className?: string;
}

export function DataTable({
  columns,
  children,
  className = "mt-2",
  testId,
}: {
  columns: Column[];
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <table className={`${className} w-full bg-white text-sm shadow-sm`} data-testid={testId}>
      <thead className="bg-slate-100 text-left">
        <tr>
          {columns.map((column, i) => (
            <th
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are a fixed list; the place is the identity
              key={i}
              scope="col"
              className={["px-3 py-2", column.numeric && "text-right", column.className].filter(Boolean).join(" ")}
            >
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
