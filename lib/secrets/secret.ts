// Secrets from files, as Vault Agent or a Kubernetes secret volume provide them: for a secret
// NAME, the file named by NAME_FILE wins over the variable NAME. The file is checked again (its
// modification time and size) at most every SECRET_FILE_CHECK_MS (default 1000 ms), so a
// rotated value is used without a restart; refreshSecret() re-reads it at once (a 401 from a
// service, a database authentication failure). The value before the last change is kept with
// the time it changed, for verifiers that accept it for a grace period (session tokens).
import fs from "node:fs";

type Entry = {
  file: string;
  value: string | undefined;
  stamp: string;
  checkedAt: number;
  previous: { value: string; replacedAt: number } | null;
};

const KEY = Symbol.for("billing-console.secrets");
const store = globalThis as unknown as { [KEY]?: Map<string, Entry> };
const entries: Map<string, Entry> = store[KEY] ?? new Map();
store[KEY] = entries;

function checkEveryMs() {
  const ms = Number(process.env.SECRET_FILE_CHECK_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : 1000;
}

function load(entry: Entry, now: number) {
  entry.checkedAt = now;
  let stamp: string;
  try {
    const stat = fs.statSync(entry.file);
    stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return; // Missing for a moment (a volume swapping its link): keep the value we have.
  }
  if (stamp === entry.stamp) return;
  const value = fs.readFileSync(entry.file, "utf8").trim() || undefined;
  entry.stamp = stamp;
  if (value === entry.value) return;
  if (entry.value !== undefined) entry.previous = { value: entry.value, replacedAt: now };
  entry.value = value;
}

function entryFor(name: string, env: Record<string, string | undefined>): Entry | null {
  const file = env[`${name}_FILE`]?.trim();
  if (!file) return null;
  let entry = entries.get(name);
  if (!entry || entry.file !== file) {
    entry = { file, value: undefined, stamp: "", checkedAt: 0, previous: null };
    entries.set(name, entry);
    load(entry, Date.now());
  }
  return entry;
}

/** The secret's current value: from NAME_FILE when set, else the variable NAME. */
export function readSecret(name: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const entry = entryFor(name, env);
  if (!entry) return env[name]?.trim() || undefined;
  const now = Date.now();
  if (now - entry.checkedAt >= checkEveryMs()) load(entry, now);
  return entry.value;
}

/** Re-reads NAME_FILE now; returns the value (unchanged when the secret is not from a file). */
export function refreshSecret(name: string, env: Record<string, string | undefined> = process.env) {
  const entry = entryFor(name, env);
  if (!entry) return env[name]?.trim() || undefined;
  load(entry, Date.now());
  return entry.value;
}

/** True when the secret comes from a file (and so can change while running). */
export function secretFromFile(name: string, env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env[`${name}_FILE`]?.trim());
}

/** The value the file held before its last change, while that change is younger than graceMs. */
export function previousSecret(name: string, graceMs: number): string | undefined {
  const previous = entries.get(name)?.previous;
  return previous && Date.now() - previous.replacedAt < graceMs ? previous.value : undefined;
}
