import { useState } from "react";
import { Link } from "wouter";
import { ConfirmDialog } from "../../../ui/kit/components/ConfirmDialog";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import { contactName } from "../../../ui/kit/format";
import type { Contact } from "../types/contact";

export interface Duplicate {
  contact: Contact;
  reason: "email" | "name";
}

const reasonText = {
  name: "Same first and last name.",
  email: "A call to this contact gave an email address the other one holds.",
} as const;

interface Props {
  contact: Contact;
  duplicates: Duplicate[] | undefined;
  error: unknown;
  onRetry(): void;
  /** Merges `other` into the contact on the page, which stays. */
  onMerge(other: Contact): Promise<void>;
}

/** Contacts that may be the same person, each with a Merge that asks first. */
export function DuplicateList({ contact, duplicates, error, onRetry, onMerge }: Props) {
  const [merging, setMerging] = useState<Contact | null>(null);
  const here = contactName(contact);

  return (
    <section className="card" aria-labelledby="duplicates-heading">
      <h2 id="duplicates-heading">Possible duplicates</h2>
      {error ? <ErrorNotice error={error} onRetry={onRetry} /> : null}
      {!duplicates && !error && <Loading what="Looking for duplicates…" />}
      {duplicates && !duplicates.length && <p className="empty">None found.</p>}
      {duplicates && duplicates.length > 0 && (
        <ul className="duplicate-list">
          {duplicates.map(({ contact: other, reason }) => {
            const phone = other.phones.find((p) => p.is_preferred)?.phone_number;
            const email = other.emails.find((e) => e.is_preferred)?.email;
            return (
              <li key={other.id} className="duplicate">
                <div className="duplicate__main" id={`duplicate-${other.id}`}>
                  <Link href={`/contacts/${other.id}`} className="duplicate__name">
                    {contactName(other)}
                  </Link>
                  <span className="duplicate__detail">
                    {[phone, email].filter(Boolean).join(" · ") || "No phone or email"}
                  </span>
                  <span className="duplicate__reason">{reasonText[reason]}</span>
                </div>
                <button
                  type="button"
                  className="button button--small"
                  aria-describedby={`duplicate-${other.id}`}
                  onClick={() => setMerging(other)}
                >
                  Merge
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {merging && (
        <ConfirmDialog
          title="Merge these contacts?"
          confirmLabel="Merge contacts"
          onClose={() => setMerging(null)}
          onConfirm={async () => {
            await onMerge(merging);
            setMerging(null);
          }}
        >
          <p>
            “{contactName(merging)}” is merged into “{here}”, the contact on this page: its phone numbers, email
            addresses and calls move here, and it is deleted.
          </p>
          <p>Where both have one, this contact's name and preferred phone and email are kept.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
