// Keeps the embedded PostgreSQL running in the foreground (for development): commands and
// test runs started meanwhile find it and use it instead of starting their own.
import { resolveServer } from "./lib/database";

const db = await resolveServer();
console.log(`[db] ready: ${db.url} (Ctrl+C to stop)`);
const stop = async () => {
  await db.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => {}, 1 << 30);
