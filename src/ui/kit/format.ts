/** Dates as the person's locale writes them. */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

/** What a contact is called on screen: a stub (no name yet) is an unknown caller. */
export function contactName(contact: { first_name: string; last_name: string; is_stub: boolean }) {
  return contact.is_stub ? "Unknown caller" : [contact.first_name, contact.last_name].filter(Boolean).join(" ");
}
