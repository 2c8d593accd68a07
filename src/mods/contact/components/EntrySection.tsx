import { useId, type ReactNode } from "react";
import type { Email, Phone } from "../types/contact";
import { AddEntryForm } from "./AddEntryForm";
import type { EntryKind } from "./entry-kinds";

interface Props<E extends Phone | Email> {
  kind: EntryKind<E>;
  contactId: string;
  count: number;
  /** The cards (PhoneCard or EmailCard), as list items. */
  children: ReactNode;
  onChanged(): Promise<void>;
}

/** "Phones" or "Emails": the contact's entries and a form to add one. */
export function EntrySection<E extends Phone | Email>({ kind, contactId, count, children, onChanged }: Props<E>) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{kind.heading}</h2>
      {count ? <ul className="entry-list">{children}</ul> : <p className="empty">{kind.empty}</p>}
      <AddEntryForm kind={kind} contactId={contactId} onAdded={onChanged} />
    </section>
  );
}
