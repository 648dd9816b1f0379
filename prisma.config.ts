// Prisma CLI configuration. The JS schema engine with a driver adapter runs fully offline;
// the native schema engine of Prisma 7 would have to be downloaded (see README, "Database").
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// `prisma generate` (run on `npm ci`) needs a connection string for the schema's datasource
// and the adapter even though it never connects. Commands that connect get DATABASE_URL from
// the project's scripts (scripts/with-db.ts), which resolve the embedded database.
process.env.DATABASE_URL ||= "postgresql://localhost:5432/unused";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaPg({ connectionString: url }),
});
