// npm run db:migrate: applies the migrations as the schema owner (DATABASE_MIGRATION_URL, else
// DATABASE_URL; the embedded database's owner role when DATABASE_URL is unset), then gives the
// runtime role its grants and checks them (scripts/lib/runtime-grants.ts).
import { prepareDatabase } from "./lib/prepare";

try {
  const { db } = await prepareDatabase({ database: process.env.DATABASE_NAME, quiet: true });
  console.log("[db] migrated");
  await db.stop();
} catch (error) {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
