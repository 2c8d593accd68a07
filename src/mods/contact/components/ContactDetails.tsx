import { CallList } from "../../call/components/CallList";
import type { CallSummary } from "../../call/types/call";
import type { Contact } from "../types/contact";
import { BackToContactsLink } from "./BackToContactsLink";
import { ContactHeader } from "./ContactHeader";
import { type Duplicate, DuplicateList } from "./DuplicateList";
import { EmailCard } from "./EmailCard";
import { EntrySection } from "./EntrySection";
import { emailScreen, phoneScreen } from "./entry-screens";
import { PhoneCard } from "./PhoneCard";

export interface CallsState {
  calls: CallSummary[] | undefined;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
}

export interface DuplicatesState {
  data: { data: Duplicate[] } | undefined;
  error: unknown;
  reload(): Promise<void>;
}

interface Props {
  contact: Contact;
  calls: CallsState;
  duplicates: DuplicatesState;
  /** Reads the contact again after a change to its phones or emails. */
  onChanged(): Promise<void>;
  onRenamed(contact: Contact): void;
  onDeleted(): void;
  onMerge(other: Contact): Promise<void>;
  onRerun(callId: string): Promise<void>;
}

/** The preferred entry leads its list (the one a call or an export uses); the others keep the API's order. */
const preferredFirst = <E extends { is_preferred: boolean }>(entries: E[]) =>
  entries.toSorted((a, b) => Number(b.is_preferred) - Number(a.is_preferred));

/** One contact: name, phones, emails, calls and possible duplicates. */
export function ContactDetails({
  contact,
  calls,
  duplicates,
  onChanged,
  onRenamed,
  onDeleted,
  onMerge,
  onRerun,
}: Props) {
  // "Filled in from the call of <date>": that call's date when it is on screen, else when it happened.
  const enrichedFrom =
    calls.calls?.find((c) => c.id === contact.enriched_from_call_id)?.created_at ?? contact.enriched_at;

  return (
    <div className="page">
      <BackToContactsLink />
      <ContactHeader contact={contact} enrichedFrom={enrichedFrom} onRenamed={onRenamed} onDeleted={onDeleted} />
      <div className="details-grid">
        <EntrySection screen={phoneScreen} contactId={contact.id} count={contact.phones.length} onChanged={onChanged}>
          {preferredFirst(contact.phones).map((phone) => (
            <PhoneCard key={phone.id} contactId={contact.id} phone={phone} onChanged={onChanged} />
          ))}
        </EntrySection>
        <EntrySection screen={emailScreen} contactId={contact.id} count={contact.emails.length} onChanged={onChanged}>
          {preferredFirst(contact.emails).map((email) => (
            <EmailCard
              key={email.id}
              contactId={contact.id}
              email={email}
              enrichedFrom={enrichedFrom}
              onChanged={onChanged}
            />
          ))}
        </EntrySection>
      </div>
      <CallList
        calls={calls.calls}
        error={calls.error}
        hasMore={calls.hasMore}
        loadingMore={calls.loadingMore}
        enrichedFromCallId={contact.enriched_from_call_id}
        onLoadMore={() => void calls.loadMore()}
        onRetry={() => void calls.refresh()}
        onRerun={onRerun}
      />
      <DuplicateList
        contact={contact}
        duplicates={duplicates.data?.data}
        error={duplicates.error}
        onRetry={() => void duplicates.reload()}
        onMerge={onMerge}
      />
    </div>
  );
}
