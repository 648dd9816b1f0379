import path from "node:path";

/** Where local state lives: the embedded PostgreSQL, generated secrets, the local services' records. */
export const DATA_DIR = path.resolve(process.cwd(), ".data");
