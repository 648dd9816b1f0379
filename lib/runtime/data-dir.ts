// Where the console's processes may write: DATA_DIR (default `.data` under the working
// directory, for development). The tree itself is read-only in production; the embedded
// database, the local services' journals, generated local secrets and the usage inbox live here.
import path from "node:path";

export function dataDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.DATA_DIR?.trim() || ".data");
}

/** A path under DATA_DIR. */
export function dataPath(...parts: string[]): string {
  return path.join(dataDir(), ...parts);
}
