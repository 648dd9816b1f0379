// Before, after and metadata of an event, folded away until asked for (a native <details>,
// so it opens with the keyboard and needs no script). One line of JSON each: wrapped, not
// indented, which keeps a page of 50 events light.
export function EventDetails({
  before,
  after,
  metadata,
  labels,
}: {
  before: unknown;
  after: unknown;
  metadata: unknown;
  labels: { summary: string; before: string; after: string; metadata: string; nothing: string };
}) {
  const parts = [
    [labels.before, before],
    [labels.after, after],
    [labels.metadata, metadata],
  ] as const;
  const present = parts.filter(([, v]) => v !== null && v !== undefined);
  if (present.length === 0) return <span className="text-xs text-slate-500">{labels.nothing}</span>;
  return (
    <details className="max-w-md open:min-w-72" data-testid="event-details">
      <summary className="cursor-pointer text-xs whitespace-nowrap text-blue-800 hover:underline">
        {labels.summary}
      </summary>
      <dl className="mt-1 space-y-1 rounded bg-slate-50 p-2 text-xs">
        {present.map(([label, value]) => (
          <div key={label}>
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd className="max-h-72 overflow-auto font-mono break-all whitespace-pre-wrap">{JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
