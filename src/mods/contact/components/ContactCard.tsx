import { Link } from "wouter";
import { PhoneNumber } from "../../../ui/kit/components/PhoneNumber";
import { contactName } from "../../../ui/kit/format";
import type { Contact } from "../types/contact";

/** The entry shown for a contact in a list: the preferred one (the first while none is). */
export const preferred = <T extends { is_preferred: boolean }>(entries: T[]) =>
  entries.find((e) => e.is_preferred) ?? entries[0];

/**
 * One contact in a list: the whole row is the link to it, named first by the contact's name
 * ("Unknown caller" for a stub), then its preferred phone and email.
 */
export function ContactCard({ contact }: { contact: Contact }) {
  const phone = preferred(contact.phones);
  const email = preferred(contact.emails);
  return (
    <li>
      <Link
        href={`/contacts/${contact.id}`}
        className={contact.is_stub ? "contact-card contact-card--stub" : "contact-card"}
      >
        <span className="contact-card__name">
          {contact.is_stub && <span className="contact-card__stub-icon" aria-hidden="true" />}
          {contactName(contact)}
        </span>{" "}
        <span className="contact-card__detail contact-card__phone">
          {phone ? <PhoneNumber value={phone.phone_number} /> : <span className="muted">No phone</span>}
        </span>{" "}
        <span className="contact-card__detail contact-card__email">
          {email?.email ?? <span className="muted">No email</span>}
        </span>
      </Link>
    </li>
  );
}
