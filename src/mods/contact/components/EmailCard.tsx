import { formatDate } from "../../../ui/kit/format";
import type { Email } from "../types/contact";
import { EntryCard } from "./EntryCard";
import { emailScreen } from "./entry-screens";

interface Props {
  contactId: string;
  email: Email;
  /** When enrichment filled the contact in: the date of the call it heard this address in. */
  enrichedFrom: string | null;
  onChanged(): Promise<void>;
}

export function EmailCard({ contactId, email, enrichedFrom, onChanged }: Props) {
  return (
    <EntryCard screen={emailScreen} contactId={contactId} entry={email} onChanged={onChanged}>
      {email.source === "enrichment" && (
        <p className="entry__source">
          <span className="badge badge--enriched">
            {enrichedFrom ? `Filled in from the call of ${formatDate(enrichedFrom)}` : "Filled in from a call"}
          </span>
        </p>
      )}
    </EntryCard>
  );
}
