// Three months of demo usage, written as Google Cloud exports and imported through the same
// importer finance uses (so the demo's numbers trace back to usage rows), then the drafts.
// Deterministic files, so a second seed finds them already imported and the drafts unchanged.
import fs from "node:fs";
import path from "node:path";
import { generateGcpExportRows, writeGcpExportCsv, type GeneratorProject } from "@/bench/lib/gcp-export-generator";
import { generateDrafts } from "@/lib/invoices/generate-drafts";
import { importUsageBatch } from "@/lib/usage/import-usage-batch";
import { BILLING_ACCOUNTS, DEMO_MONTHS, buildDemoWorld } from "./demo-data";

const SYSTEM = { id: null, email: "system:seed", name: "seed", roles: ["FINANCE"] as const };

export async function seedDemoUsage(dataDir: string) {
  const world = buildDemoWorld();
  const usdAccount = BILLING_ACCOUNTS[3].id;
  const created = { usageBatches: 0, drafts: 0 };
  fs.mkdirSync(dataDir, { recursive: true });
  for (const [index, month] of DEMO_MONTHS.entries()) {
    const projects: GeneratorProject[] = world.customers.flatMap((c, n) =>
      c.projects.map((p) => ({
        id: p.id,
        name: p.name,
        billingAccountId: p.billingAccountId,
        currency: p.billingAccountId === usdAccount ? ("USD" as const) : ("JPY" as const),
        // A few large customers (above the two-approver threshold), and some that grow sharply in
        // the last month, so the gate and the drafts list have something to show.
        size: (1 + (n % 7) * 0.4) * (n % 40 === 7 ? 6 : 1) * (index === 2 && n % 13 === 0 ? 2.5 : 1),
      })),
    );
    if (index === 2) projects.push(...world.unassignedProjects.map((p) => ({ ...p, currency: "JPY" as const })));
    const file = path.join(dataDir, `gcp-billing-export-${month}.csv`);
    // Written under a name of this process's own, imported from it, then renamed into place: two
    // seeds at once (npm test seeds the journeys' two databases side by side) each import the whole
    // file they wrote; a shared name let one import the other's half-written file.
    const written = `${file}.${process.pid}.tmp`;
    await writeGcpExportCsv(
      written,
      generateGcpExportRows({ months: [month], projects, rowsPerProjectMonth: 18, seed: 1000 + index }),
    );
    const result = await importUsageBatch({
      actor: SYSTEM,
      filePath: written,
      fileName: path.basename(file),
      source: "seed",
    });
    fs.renameSync(written, file);
    if (result.status === "refused")
      throw new Error(
        `demo usage for ${month} was refused: ${result.message} ${JSON.stringify(result.errors.slice(0, 3))}`,
      );
    if (result.status === "imported") created.usageBatches++;
  }
  for (const month of DEMO_MONTHS) {
    const summary = await generateDrafts({ actor: SYSTEM, month });
    created.drafts += summary.created;
    const [firstSkipped] = summary.skipped;
    if (firstSkipped)
      console.log(`[seed] ${month}: ${summary.skipped.length} billing group(s) skipped: ${firstSkipped.reason}`);
  }
  return created;
}
