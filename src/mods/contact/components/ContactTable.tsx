import { Link } from "wouter";
import { PhoneNumber } from "../../../ui/kit/components/PhoneNumber";
import { contactName, formatDate } from "../../../ui/kit/format";
import type { Contact } from "../types/contact";
import { preferred } from "./ContactCard";

/** Which column the rows are ordered by, for `aria-sort` on its header. */
export type ContactTableOrder = "name" | "newest";

interface ContactTableProps {
  contacts: Contact[];
  /** Names the table (its caption, read by screen readers). */
  caption: string;
  order: ContactTableOrder;
}

/**
 * The contact list as a table: name (the link to the contact; "Unknown caller" for a stub), preferred
 * phone and email, when it was added. On a narrow screen the table scrolls sideways inside its own
 * box, the name column staying in view, so the page itself never does.
 */
export function ContactTable({ contacts, caption, order }: ContactTableProps) {
  return (
    // Focusable, so that a keyboard can scroll it; a region named by the caption for screen readers.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to scroll by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-labelledby="contact-table-caption" tabIndex={0}>
      <table className="contact-table">
        <caption id="contact-table-caption" className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={order === "name" ? "ascending" : undefined}>
              Name
            </th>
            <th scope="col">Phone</th>
            <th scope="col">Email</th>
            <th scope="col" aria-sort={order === "newest" ? "descending" : undefined}>
              Added
            </th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <ContactRow key={contact.id} contact={contact} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ContactRow({ contact }: { contact: Contact }) {
  const phone = preferred(contact.phones);
  const email = preferred(contact.emails);
  return (
    <tr className={contact.is_stub ? "contact-row contact-row--stub" : "contact-row"}>
      <th scope="row" className="contact-row__name">
        <Link href={`/contacts/${contact.id}`} className="contact-row__link">
          {contact.is_stub && <span className="contact-card__stub-icon" aria-hidden="true" />}
          {contactName(contact)}
        </Link>
      </th>
      <td>{phone ? <PhoneNumber value={phone.phone_number} /> : <span className="muted">No phone</span>}</td>
      <td className="contact-row__email">{email?.email ?? <span className="muted">No email</span>}</td>
      <td className="contact-row__added">
        <time dateTime={contact.created_at}>{formatDate(contact.created_at)}</time>
      </td>
    </tr>
  );
}
