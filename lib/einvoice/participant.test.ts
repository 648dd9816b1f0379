import { describe, expect, it } from "vitest";
import { registrationNumberFrom } from "@/lib/customers/registration-number";
import { formatParticipant, isValidCorporateNumber, participantOf, participantProblem } from "./participant";

describe("Peppol participant IDs", () => {
  // 法人番号 5835678256246: check digit 5 over 835678256246 (the National Tax Agency's example).
  it("0188 takes a 13-digit corporate number with its check digit", () => {
    expect(isValidCorporateNumber("5835678256246")).toBe(true);
    expect(participantProblem("0188", "5835678256246")).toBeNull();
    expect(participantProblem("0188", "6835678256246")).toBe("corporate-number");
    expect(participantProblem("0188", "T5835678256246")).toBe("corporate-number");
    expect(participantProblem("0188", "835678256246")).toBe("corporate-number");
  });

  it("0221 takes a qualified-invoice registration number, T + 13 digits", () => {
    const registration = registrationNumberFrom("835678256246");
    expect(registration).toBe("T5835678256246");
    expect(participantProblem("0221", registration)).toBeNull();
    expect(participantProblem("0221", "5835678256246")).toBe("registration-number");
  });

  it("refuses schemes the console does not issue to", () => {
    expect(participantProblem("0088", "4012345000009")).toBe("scheme");
    expect(participantProblem("", "5835678256246")).toBe("scheme");
  });

  it("reads a stored pair, ignoring an incomplete or invalid one", () => {
    expect(participantOf("0188", "5835678256246")).toEqual({ scheme: "0188", id: "5835678256246" });
    expect(participantOf("0188", null)).toBeNull();
    expect(participantOf("0188", "1")).toBeNull();
    expect(formatParticipant({ scheme: "0221", id: "T5835678256246" })).toBe("0221:T5835678256246");
  });
});
