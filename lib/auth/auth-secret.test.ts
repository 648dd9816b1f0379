import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { authSecret, authSecretsForVerification } from "./auth-secret";

afterEach(() => {
  for (const name of ["NEXTAUTH_SECRET_FILE", "SECRET_FILE_CHECK_MS", "NEXTAUTH_SECRET_GRACE_HOURS"])
    delete process.env[name];
});

describe("NEXTAUTH_SECRET_FILE", () => {
  it("is used without a restart, and the previous secret is accepted for the grace period only", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "auth-")), "secret");
    fs.writeFileSync(file, "first-secret-0123456789-0123456789");
    process.env.NEXTAUTH_SECRET_FILE = file;
    process.env.SECRET_FILE_CHECK_MS = "0";
    expect(authSecret()).toBe("first-secret-0123456789-0123456789");
    fs.writeFileSync(`${file}.new`, "second-secret-0123456789-0123456789");
    fs.renameSync(`${file}.new`, file);
    expect(authSecret()).toBe("second-secret-0123456789-0123456789");
    expect(authSecretsForVerification()).toEqual([
      "second-secret-0123456789-0123456789",
      "first-secret-0123456789-0123456789",
    ]);
    process.env.NEXTAUTH_SECRET_GRACE_HOURS = "0";
    expect(authSecretsForVerification()).toEqual(["second-secret-0123456789-0123456789"]);
  });
});
