// The integration files share one process and module graph (vitest.config.ts, isolate: false), so
// the environment one file changes must not reach the next: each file's changes are undone after
// it, as a process of its own would have left them. Assigning `undefined` to process.env stores
// the string "undefined", so variables the file added are deleted, not reassigned.
import { afterAll } from "vitest";

const before = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in before)) delete process.env[name];
  Object.assign(process.env, before);
});
