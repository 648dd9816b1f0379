// A customer's Peppol participant identifier: an ISO 6523 scheme (ICD) from the Peppol EAS
// list and a value in that scheme's format. Japanese businesses are reached under 0188 (the
// 13-digit corporate number, 法人番号) or 0221 (the qualified-invoice registration number,
// T + 13 digits); both numbers carry the same check digit (lib/customers/registration-number.ts).
import { corporateCheckDigit, isValidRegistrationNumber } from "@/lib/customers/registration-number";

export const PEPPOL_SCHEMES = ["0188", "0221"] as const;
export type PeppolScheme = (typeof PEPPOL_SCHEMES)[number];
export type PeppolParticipant = { scheme: PeppolScheme; id: string };

export type ParticipantProblem = "scheme" | "corporate-number" | "registration-number";

export function isValidCorporateNumber(value: string): boolean {
  const [, check, base] = /^(\d)(\d{12})$/.exec(value) ?? [];
  return base !== undefined && Number(check) === corporateCheckDigit(base);
}

/** Checks a scheme and value (already trimmed); null when they form a valid participant ID. */
export function participantProblem(scheme: string, id: string): ParticipantProblem | null {
  if (scheme === "0188") return isValidCorporateNumber(id) ? null : "corporate-number";
  if (scheme === "0221") return isValidRegistrationNumber(id) ? null : "registration-number";
  return "scheme";
}

/** The stored pair as a participant, or null when it is unset or (legacy data) not valid. */
export function participantOf(scheme: string | null, id: string | null): PeppolParticipant | null {
  if (!scheme || !id || participantProblem(scheme, id) !== null) return null;
  return { scheme: scheme as PeppolScheme, id };
}

export function formatParticipant(participant: PeppolParticipant): string {
  return `${participant.scheme}:${participant.id}`;
}
