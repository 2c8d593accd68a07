import type { ReactNode } from "react";
import { Link } from "wouter";

/**
 * A page's title, with the way to create a contact beside it (the dashboard, the contact list),
 * after the page's own actions (`children`).
 */
export function PageHeaderWithNewContact({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <div className="page-header__actions">
        {children}
        <Link href="/contacts/new" className="button button--primary">
          New contact
        </Link>
      </div>
    </div>
  );
}
