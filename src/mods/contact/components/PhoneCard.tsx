import type { Phone } from "../types/contact";
import { EntryCard } from "./EntryCard";
import { phoneKind } from "./entry-kinds";

export function PhoneCard({ contactId, phone, onChanged }: { contactId: string; phone: Phone; onChanged(): Promise<void> }) {
  return <EntryCard kind={phoneKind} contactId={contactId} entry={phone} onChanged={onChanged} />;
}
