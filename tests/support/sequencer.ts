// Splits the integration files for `vitest run --shard=k/n` by time rather than by count, so the
// halves npm test runs side by side finish together (the slowest files are a tenth of the count
// and two thirds of the time). Seconds measured in one npm test (four runs side by side on 2
// cores); a file not listed counts 3.
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { splitByTime } from "../../scripts/lib/split-by-time";

const SECONDS: Record<string, number> = {
  "delivery-crash.test.ts": 88,
  "seed-again.test.ts": 80,
  "invoice-edit.test.ts": 72,
  "scheduled-jobs.test.ts": 58,
  "gate-model.test.ts": 39,
  "audit-checkpoints.test.ts": 39,
  "regenerate-contract-change.test.ts": 35,
  "lookup-search.test.ts": 29,
  "audit-tamper.test.ts": 26,
  "usage-import-command.test.ts": 21,
  "gate-rules.test.ts": 20,
  "usage-exactly-once.test.ts": 19,
  "delivery.test.ts": 18,
  "einvoice.test.ts": 15,
  "drafts-generate-command.test.ts": 12,
  "usage-snapshots.test.ts": 10,
  "release.test.ts": 7,
  "deliver-now.test.ts": 6,
};
const baseName = (moduleId: string) => moduleId.split("/").at(-1) ?? moduleId;

export default class TimedSequencer extends BaseSequencer {
  override async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { index, count } = this.ctx.config.shard ?? { index: 1, count: 1 };
    const seconds = Object.fromEntries(files.map((f) => [f.moduleId, SECONDS[baseName(f.moduleId)] ?? 3]));
    const mine = new Set(splitByTime(Object.keys(seconds), count, seconds, 3)[index - 1]);
    return files.filter((f) => mine.has(f.moduleId));
  }
}
