import { dataDir } from "../../lib/runtime/data-dir";

/**
 * Where local state lives: the embedded PostgreSQL, generated secrets, the local services'
 * records. DATA_DIR, default `.data` (lib/runtime/data-dir.ts).
 */
export const DATA_DIR = dataDir();
