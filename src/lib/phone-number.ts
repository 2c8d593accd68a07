import parsePhoneNumber, { type CountryCode, isSupportedCountry, type PhoneNumber } from "libphonenumber-js";

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

/** Something built once per country and kept (schemas that read numbers in it): at most one per country. */
export function perCountry<T>(build: (country: CountryCode) => T): (country: CountryCode) => T {
  const built = new Map<CountryCode, T>();
  return (country) => {
    let made = built.get(country);
    if (made === undefined) {
      made = build(country);
      built.set(country, made);
    }
    return made;
  };
}

/**
 * Reads a phone number in any common format, numbers without a `+` in `country`. Accepted when
 * libphonenumber-js finds it *possible* (right length for its country): stricter validity checks
 * would reject real test and new-range numbers such as +15551234567.
 */
function parse(input: string, country: CountryCode): PhoneNumber | "withheld" | "invalid" {
  const trimmed = input.trim();
  if (WITHHELD_WORDS.has(trimmed.toLowerCase())) return "withheld";
  const known = justRead.get(trimmed);
  if (known) return known;
  const parsed = parsePhoneNumber(trimmed, country);
  if (parsed && WITHHELD_PLACEHOLDERS.has(parsed.number)) return "withheld";
  if (!parsed?.isPossible()) return "invalid";
  if (justRead.size >= JUST_READ_MAX) justRead.clear();
  justRead.set(parsed.number, parsed);
  return parsed;
}

/**
 * The numbers this isolate read last, by their E.164 form (which reads the same in any country).
 * A body is validated in E.164 (e164Of), then the service reads the E.164 again for its search
 * digits (readPhoneNumber): libphonenumber's parse is an import's main CPU cost, paid once so.
 */
const justRead = new Map<string, PhoneNumber>();
const JUST_READ_MAX = 1024;

/** The number in E.164, or null when it is none: what validation needs, without readPhoneNumber's search digits. */
export function e164Of(input: string, country: CountryCode): string | null {
  const parsed = parse(input, country);
  return typeof parsed === "string" ? null : parsed.number;
}

/** A number read as `parse` does, with the digits a search finds it by. */
export function readPhoneNumber(input: string, country: CountryCode): PhoneNumberReading {
  const parsed = parse(input, country);
  if (typeof parsed === "string") return { kind: parsed };
  // Both the international and the national digits, so "020 7183" and "44207183" both find it.
  const digits = new Set([parsed.number.slice(1), parsed.formatNational().replace(/\D/g, "")]);
  return { kind: "phone", e164: parsed.number, searchDigits: [...digits].join(" ") };
}
