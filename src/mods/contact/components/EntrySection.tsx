import { type ReactNode, useId } from "react";
import type { Email, Phone } from "../types/contact";
import { AddEntryForm } from "./AddEntryForm";
import type { EntryScreen } from "./entry-screens";

interface Props<E extends Phone | Email> {
  screen: EntryScreen<E>;
  contactId: string;
  count: number;
  /** The cards (PhoneCard or EmailCard), as list items. */
  children: ReactNode;
  onChanged(): Promise<void>;
}

/** "Phones" or "Emails": the contact's entries and a form to add one. */
export function EntrySection<E extends Phone | Email>({ screen, contactId, count, children, onChanged }: Props<E>) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{screen.heading}</h2>
      {count ? <ul className="entry-list">{children}</ul> : <p className="empty">{screen.empty}</p>}
      <AddEntryForm screen={screen} contactId={contactId} onAdded={onChanged} />
    </section>
  );
}
