import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { previousSecret, readSecret, refreshSecret } from "./secret";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secret-"));
afterEach(() => {
  delete process.env.SECRET_FILE_CHECK_MS;
});

describe("secrets from files", () => {
  it("prefers NAME_FILE over NAME, and falls back to the variable", () => {
    const file = path.join(dir, "a");
    fs.writeFileSync(file, "from-file\n");
    expect(readSecret("A_SECRET", { A_SECRET: "from-env", A_SECRET_FILE: file })).toBe("from-file");
    expect(readSecret("B_SECRET", { B_SECRET: " from-env " })).toBe("from-env");
    expect(readSecret("C_SECRET", {})).toBeUndefined();
  });

  it("picks up a rotated file without a restart and keeps the previous value for a grace period", () => {
    process.env.SECRET_FILE_CHECK_MS = "0";
    const file = path.join(dir, "rot");
    const env = { ROT_FILE: file };
    fs.writeFileSync(file, "one");
    expect(readSecret("ROT", env)).toBe("one");
    fs.writeFileSync(file, "two-longer");
    expect(readSecret("ROT", env)).toBe("two-longer");
    expect(previousSecret("ROT", 60_000)).toBe("one");
    expect(previousSecret("ROT", 0)).toBeUndefined();
  });

  it("re-reads at once on refresh even within the check interval", () => {
    process.env.SECRET_FILE_CHECK_MS = "3600000";
    const file = path.join(dir, "ref");
    const env = { REF_FILE: file };
    fs.writeFileSync(file, "old");
    expect(readSecret("REF", env)).toBe("old");
    fs.writeFileSync(file, "new-value");
    expect(readSecret("REF", env)).toBe("old");
    expect(refreshSecret("REF", env)).toBe("new-value");
    expect(readSecret("REF", env)).toBe("new-value");
  });

  it("keeps the last value while the file is briefly missing", () => {
    process.env.SECRET_FILE_CHECK_MS = "0";
    const file = path.join(dir, "gone");
    fs.writeFileSync(file, "kept");
    expect(readSecret("GONE", { GONE_FILE: file })).toBe("kept");
    fs.rmSync(file);
    expect(readSecret("GONE", { GONE_FILE: file })).toBe("kept");
  });
});
