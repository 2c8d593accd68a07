import { Link } from "wouter";

/** The way back to the contact list, above a page of the contacts section. */
export function BackToContactsLink() {
  return (
    <p className="back-link">
      <Link href="/contacts">
        <span aria-hidden="true">← </span>All contacts
      </Link>
    </p>
  );
}
