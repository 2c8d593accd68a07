import parsePhoneNumber, { type CountryCode, isSupportedCountry } from "libphonenumber-js";

/** A phone number as read from a caller id or a form: a number, or why it is none. */
export type PhoneNumberReading =
  | { kind: "phone"; e164: string; searchDigits: string }
  | { kind: "withheld" }
  | { kind: "invalid" };

/** What carriers send instead of a number when the caller hides it. */
const WITHHELD_WORDS = new Set(["", "anonymous", "restricted", "private", "unknown", "unavailable", "blocked"]);
/** Carrier placeholders that look like numbers but stand for "withheld". */
const WITHHELD_PLACEHOLDERS = new Set(["+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253"]);

export function defaultCountry(env: { DEFAULT_PHONE_COUNTRY?: string }): CountryCode {
  const country = env.DEFAULT_PHONE_COUNTRY?.toUpperCase() ?? "US";
  return isSupportedCountry(country) ? country : "US";
}

/**
 * Reads a phone number in any common format, numbers without a `+` in `country`. Accepted when
 * libphonenumber-js finds it *possible* (right length for its country): stricter validity checks
 * would reject real test and new-range numbers such as +15551234567.
 */
export function readPhoneNumber(input: string, country: CountryCode): PhoneNumberReading {
  const trimmed = input.trim();
  if (WITHHELD_WORDS.has(trimmed.toLowerCase())) return { kind: "withheld" };
  const parsed = parsePhoneNumber(trimmed, country);
  if (parsed && WITHHELD_PLACEHOLDERS.has(parsed.number)) return { kind: "withheld" };
  if (!parsed?.isPossible()) return { kind: "invalid" };
  // Both the international and the national digits, so "020 7183" and "44207183" both find it.
  const digits = new Set([parsed.number.slice(1), parsed.formatNational().replace(/\D/g, "")]);
  return { kind: "phone", e164: parsed.number, searchDigits: [...digits].join(" ") };
}
