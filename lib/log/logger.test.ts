import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, logLevel } from "./logger";

function capture(level = "info") {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ service: "test", level }, stream), lines };
}

describe("the logger", () => {
  it("writes one JSON object a line with level, time, service and message", () => {
    const { logger, lines } = capture();
    logger.info({ route: "/invoices/[id]", status: 200 }, "request");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", service: "test", msg: "request", route: "/invoices/[id]" });
    expect(typeof lines[0]?.time).toBe("string");
  });

  it("censors e-mails, names, tokens, cookies and bank details at the top and one level down", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        email: "finance@demo.local",
        user: { name: "経理 花子", email: "finance@demo.local" },
        headers: { authorization: "Bearer abc", cookie: "next-auth.session-token=eyJ" },
        token: "local-crm-token",
        customer: { bankAccount: "1234567", bank: "みずほ銀行 普通 1234567" },
        password: "p",
      },
      "leak attempt",
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ["finance@demo.local", "経理", "Bearer abc", "eyJ", "local-crm-token", "1234567", '"p"'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ email: "[redacted]", user: { name: "[redacted]" } });
  });

  it("honours the level and reads LOG_LEVEL, falling back to info", () => {
    const { logger, lines } = capture("warn");
    logger.info("hidden");
    logger.warn("shown");
    expect(lines.map((l) => l.msg)).toEqual(["shown"]);
    expect(logLevel("DEBUG")).toBe("debug");
    expect(logLevel("loud")).toBe("info");
    expect(logLevel("")).toBe("info");
  });
});
