// The metadata-light build (as the Worker's own parsing needs no more): +30 KiB to the SPA.
import { type CountryCode, getCountryCallingCode, parsePhoneNumberFromString } from "libphonenumber-js/min";

/** Dates as the person's locale writes them. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

/** What a contact is called on screen: a stub (no name yet) is an unknown caller. */
export function contactName(contact: { first_name: string; last_name: string; is_stub: boolean }) {
  return contact.is_stub ? "Unknown caller" : [contact.first_name, contact.last_name].filter(Boolean).join(" ");
}

/**
 * A phone number as people of `country` write it: national format for a number of that country
 * ("(415) 555-2671"), international otherwise ("+44 20 7183 8750"). A number no country claims
 * (+1 555 …, possible but not assigned) counts as the country's when it shares its calling code.
 * Anything that is not a number (a withheld caller's "anonymous", a carrier's "12") comes back as it was.
 */
export function formatPhoneNumber(value: string, country: CountryCode | undefined): string {
  const parsed = parsePhoneNumberFromString(value);
  if (!parsed) return value;
  const national =
    country !== undefined &&
    (parsed.country === country ||
      (parsed.country === undefined && parsed.countryCallingCode === getCountryCallingCode(country)));
  return national ? parsed.formatNational() : parsed.formatInternational();
}
