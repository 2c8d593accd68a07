import { useId, useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { ConfirmDialog } from "../../../ui/kit/components/ConfirmDialog";
import { contactName, formatPhoneNumber } from "../../../ui/kit/format";
import { useDefaultCountry } from "../../../ui/kit/hooks/useDefaultCountry";
import { useLoad } from "../../../ui/kit/hooks/useLoad";
import type { Contact } from "../types/contact";

/** Calls are counted up to one page: past it the dialog says "200 or more". */
const CALLS_COUNTED = 200;

interface Props {
  /** The contact on the page, which stays. */
  here: Contact;
  /** The contact merged into it, and deleted. */
  other: Contact;
  /** The suggestion rests on what a caller said (the API's `unverified`). */
  unverified: boolean;
  onMerge(): Promise<void>;
  onClose(): void;
}

/**
 * Asks before a merge, showing exactly which numbers, emails and calls move. A suggestion that
 * rests on a caller's word is never one click from a merge: a caller who claims to be a customer
 * would get the customer's name on every later call from their number, so the person merging
 * must say they checked.
 */
export function MergeDialog({ here, other, unverified, onMerge, onClose }: Props) {
  const checkId = useId();
  const [checked, setChecked] = useState(false);
  const calls = useLoad(
    (signal) =>
      request(api.calls.$get({ query: { contact_id: other.id, limit: String(CALLS_COUNTED) } }, { init: { signal } })),
    [other.id],
  );
  const hereName = contactName(here);
  const country = useDefaultCountry();
  const numbers = other.phones.map((p) => formatPhoneNumber(p.phone_number, country));

  return (
    <ConfirmDialog
      title="Merge these contacts?"
      confirmLabel="Merge contacts"
      confirmDisabled={unverified && !checked}
      onClose={onClose}
      onConfirm={onMerge}
    >
      <p>
        “{contactName(other)}” is merged into “{hereName}”, the contact on this page, and deleted. What moves here:
      </p>
      <dl className="merge-moves">
        <dt>Phone numbers</dt>
        <dd>{numbers.length ? numbers.join(", ") : "none"}</dd>
        <dt>Email addresses</dt>
        <dd>{other.emails.length ? other.emails.map((e) => e.email).join(", ") : "none"}</dd>
        <dt>Calls</dt>
        <dd>
          {calls.data
            ? calls.data.next_cursor
              ? `${CALLS_COUNTED} or more`
              : String(calls.data.data.length)
            : calls.error
              ? "could not be counted"
              : "counting…"}
        </dd>
      </dl>
      <p>Where both have one, this contact's name and preferred phone and email are kept.</p>
      {unverified && (
        <div className="notice notice--warning" role="note">
          <p>
            This suggestion rests on what a caller said on a call, which nobody has checked: anyone can give a name or
            an email that is not theirs.
            {numbers.length > 0 &&
              ` After the merge, whoever calls from ${numbers.join(", ")} is greeted as ${hereName}.`}
          </p>
          <label htmlFor={checkId} className="checkbox">
            <input id={checkId} type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />I
            have checked that these are the same person
          </label>
        </div>
      )}
    </ConfirmDialog>
  );
}
