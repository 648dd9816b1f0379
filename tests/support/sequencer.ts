// Splits the integration files for `vitest run --shard=k/n` by time rather than by count, so the
// halves npm test runs side by side finish together (the slowest files are a tenth of the count
// and two thirds of the time). Seconds measured in one run on 2 cores; others count 2.
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { splitByTime } from "../../scripts/lib/split-by-time";

const SECONDS: Record<string, number> = {
  "delivery-crash.test.ts": 52,
  "seed-again.test.ts": 46,
  "gate-model.test.ts": 46,
  "scheduled-jobs.test.ts": 33,
  "invoice-edit.test.ts": 28,
  "lookup-search.test.ts": 24,
  "audit-tamper.test.ts": 15,
  "regenerate-contract-change.test.ts": 13,
  "delivery.test.ts": 13,
  "audit-checkpoints.test.ts": 12,
  "einvoice.test.ts": 12,
  "gate-rules.test.ts": 11,
  "usage-import-command.test.ts": 6,
  "deliver-now.test.ts": 6,
  "usage-exactly-once.test.ts": 5,
  "drafts-generate-command.test.ts": 4,
};
const baseName = (moduleId: string) => moduleId.split("/").at(-1) ?? moduleId;

export default class TimedSequencer extends BaseSequencer {
  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { index, count } = this.ctx.config.shard ?? { index: 1, count: 1 };
    const seconds = Object.fromEntries(files.map((f) => [f.moduleId, SECONDS[baseName(f.moduleId)] ?? 2]));
    const mine = new Set(splitByTime(Object.keys(seconds), count, seconds, 2)[index - 1]);
    return files.filter((f) => mine.has(f.moduleId));
  }
}
