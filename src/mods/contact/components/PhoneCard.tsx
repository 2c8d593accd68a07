import type { Phone } from "../types/contact";
import { EntryCard } from "./EntryCard";
import { phoneScreen } from "./entry-screens";

export function PhoneCard({
  contactId,
  phone,
  onChanged,
}: {
  contactId: string;
  phone: Phone;
  onChanged(): Promise<void>;
}) {
  return <EntryCard screen={phoneScreen} contactId={contactId} entry={phone} onChanged={onChanged} />;
}
