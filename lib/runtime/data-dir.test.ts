import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataDir } from "./data-dir";

describe("dataDir", () => {
  it("is DATA_DIR, resolved, or .data under the working directory", () => {
    expect(dataDir({ DATA_DIR: "/var/lib/billing" })).toBe("/var/lib/billing");
    expect(dataDir({ DATA_DIR: "state" })).toBe(path.resolve("state"));
    expect(dataDir({ DATA_DIR: "  " })).toBe(path.resolve(".data"));
    expect(dataDir({})).toBe(path.resolve(".data"));
  });
});
