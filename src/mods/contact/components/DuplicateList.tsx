import { useState } from "react";
import { Link } from "wouter";
import { ErrorNotice } from "../../../ui/kit/components/ErrorNotice";
import { Loading } from "../../../ui/kit/components/Loading";
import { contactName, formatPhoneNumber } from "../../../ui/kit/format";
import { useDefaultCountry } from "../../../ui/kit/hooks/useDefaultCountry";
import type { Contact } from "../types/contact";
import { MergeDialog } from "./MergeDialog";

export interface Duplicate {
  contact: Contact;
  reason: "email" | "name";
  /** It rests on what a caller said on a call, unchecked. */
  unverified: boolean;
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
  const [merging, setMerging] = useState<Duplicate | null>(null);
  const country = useDefaultCountry();

  return (
    <section className="card" aria-labelledby="duplicates-heading">
      <h2 id="duplicates-heading">Possible duplicates</h2>
      {error ? <ErrorNotice error={error} onRetry={onRetry} /> : null}
      {!duplicates && !error && <Loading what="Looking for duplicates…" />}
      {duplicates && !duplicates.length && <p className="empty">None found.</p>}
      {duplicates && duplicates.length > 0 && (
        <ul className="duplicate-list">
          {duplicates.map((duplicate) => {
            const { contact: other, reason, unverified } = duplicate;
            const e164 = other.phones.find((p) => p.is_preferred)?.phone_number;
            const phone = e164 && formatPhoneNumber(e164, country);
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
                  {unverified && (
                    <span className="duplicate__unverified">What a caller said on a call: not verified.</span>
                  )}
                </div>
                <button
                  type="button"
                  className="button button--small"
                  aria-describedby={`duplicate-${other.id}`}
                  onClick={() => setMerging(duplicate)}
                >
                  Merge
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {merging && (
        <MergeDialog
          here={contact}
          other={merging.contact}
          unverified={merging.unverified}
          onClose={() => setMerging(null)}
          onMerge={async () => {
            await onMerge(merging.contact);
            setMerging(null);
          }}
        />
      )}
    </section>
  );
}
