// How the audit log keys its targets' names (lib/audit/target-names.ts reads them): pure, so
// the client-side table can look them up.
export type TargetNames = Record<string, string>;

export function targetKey(type: string | null, id: string | null): string {
  return `${type ?? ""}:${id ?? ""}`;
}
