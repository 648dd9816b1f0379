// Before, after and metadata of an event as formatted JSON, folded away until asked for
// (a native <details>, so it opens with the keyboard and needs no script).
function Json({ value }: { value: unknown }) {
  return <pre className="max-h-72 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">{JSON.stringify(value, null, 2)}</pre>;
}

export function EventDetails({ before, after, metadata, labels }: { before: unknown; after: unknown; metadata: unknown; labels: { summary: string; before: string; after: string; metadata: string; nothing: string } }) {
  const parts = [
    [labels.before, before],
    [labels.after, after],
    [labels.metadata, metadata],
  ] as const;
  const present = parts.filter(([, v]) => v !== null && v !== undefined);
  if (present.length === 0) return <span className="text-xs text-slate-400">{labels.nothing}</span>;
  return (
    <details className="group max-w-md" data-testid="event-details">
      <summary className="cursor-pointer text-xs whitespace-nowrap text-blue-800 hover:underline">{labels.summary}</summary>
      <div className="mt-1 space-y-2">
        {present.map(([label, value]) => (
          <div key={label}>
            <div className="text-xs font-medium text-slate-600">{label}</div>
            <Json value={value} />
          </div>
        ))}
      </div>
    </details>
  );
}
