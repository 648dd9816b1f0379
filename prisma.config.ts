// Prisma CLI configuration. The JS schema engine with a driver adapter runs fully offline;
// the native schema engine of Prisma 7 would have to be downloaded (see README, "Database").
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// `prisma generate` needs a connection string even though it never connects.
const url = process.env.DATABASE_URL || "postgresql://localhost:5432/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaPg({ connectionString: url }),
});
