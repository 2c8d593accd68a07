import { Link } from "wouter";
import { PhoneNumber } from "../../../ui/kit/components/PhoneNumber";
import { contactName, formatDateTime } from "../../../ui/kit/format";
import type { CallSummary } from "../types/call";
import { CallRoute } from "./CallRoute";
import { callerStatusText, statusText } from "./call-status";

/**
 * One call on the calls page: when, who (a link to the contact when there is one), from which
 * number, to which, through which provider, and how far its transcription and enrichment got.
 */
export function CallRow({ call }: { call: CallSummary }) {
  const status = statusText(call);
  return (
    <li className="call">
      <div className="call__head">
        <time dateTime={call.created_at}>{formatDateTime(call.created_at)}</time>
        {call.contact ? (
          <Link href={`/contacts/${call.contact.id}`} className="call__contact">
            {contactName(call.contact)}
          </Link>
        ) : null}
        <span className={`badge caller-status caller-status--${call.caller_status}`}>
          {callerStatusText[call.caller_status]}
        </span>
      </div>
      <dl className="call__status">
        <div>
          <dt>From</dt>
          <dd className="call__from-number">
            {call.from === null ? <span className="muted">erased</span> : <PhoneNumber value={call.from} />}
          </dd>
        </div>
        <CallRoute call={call} />
        <div>
          <dt>Transcription</dt>
          <dd>{status.transcription}</dd>
        </div>
        <div>
          <dt>Enrichment</dt>
          <dd>
            <span className={`status status--${call.enrichment_status ?? "none"}`}>{status.enrichment}</span>
          </dd>
        </div>
      </dl>
    </li>
  );
}
