import { Link } from "wouter";

/** A page's title, with the way to create a contact beside it (the dashboard, the contact list). */
export function PageHeaderWithNewContact({ title }: { title: string }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <div className="page-header__actions">
        <Link href="/contacts/new" className="button button--primary">
          New contact
        </Link>
      </div>
    </div>
  );
}
