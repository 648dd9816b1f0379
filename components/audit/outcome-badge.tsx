const STYLE = {
  SUCCESS: "bg-green-100 text-green-900",
  REFUSED: "bg-red-100 text-red-900",
  FAILURE: "bg-amber-100 text-amber-900",
} as const;

export function OutcomeBadge({ outcome, label }: { outcome: keyof typeof STYLE; label: string }) {
  return (
    <span data-outcome={outcome} className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STYLE[outcome]}`}>
      {label}
    </span>
  );
}
