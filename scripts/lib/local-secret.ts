// Stable development secrets kept under DATA_DIR (default .data/; never used when configuration supplies one).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { DATA_DIR } from "./data-dir";

/** The secret `name`, generated into DATA_DIR/<name>.secret on first use. */
export function localSecret(name: string) {
  return localSecretWithOrigin(name).value;
}

/** The same, saying whether this call generated it (so a role's password can be set to match). */
export function localSecretWithOrigin(name: string): { value: string; created: boolean } {
  const file = path.join(DATA_DIR, `${name}.secret`);
  fs.mkdirSync(DATA_DIR, { recursive: true });
  let created = false;
  if (!fs.existsSync(file)) {
    // Written aside and linked into place: of several processes starting at once, one creates
    // it and the others read the whole secret, never a half-written file.
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, randomBytes(32).toString("base64url"), { mode: 0o600 });
    try {
      fs.linkSync(temporary, file);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  return { value: fs.readFileSync(file, "utf8").trim(), created };
}
