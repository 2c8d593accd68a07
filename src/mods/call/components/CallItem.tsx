import { useState } from "react";
import { api, request } from "../../../ui/kit/api/client";
import { messageOf } from "../../../ui/kit/api/error-messages";
import { PhoneNumber } from "../../../ui/kit/components/PhoneNumber";
import { useToast } from "../../../ui/kit/components/Toasts";
import { formatDateTime } from "../../../ui/kit/format";
import type { CallSummary } from "../types/call";
import { CallRoute } from "./CallRoute";
import { callerText, statusText } from "./call-status";

interface Props {
  call: CallSummary;
  /** This call is the one enrichment filled the contact in from. */
  filledIn: boolean;
  onRerun(callId: string): Promise<void>;
}

export function CallItem({ call, filledIn, onRerun }: Props) {
  const status = statusText(call);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const notify = useToast();

  async function rerun() {
    setBusy(true);
    setError(null);
    try {
      await onRerun(call.id);
      notify("Enrichment of the call queued again");
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="call">
      <div className="call__head">
        <time dateTime={call.created_at}>{formatDateTime(call.created_at)}</time>
        <span className="call__from">
          from <PhoneNumber value={call.from ?? "(erased)"} />
          {callerText[call.caller] && ` (${callerText[call.caller]})`}
        </span>
      </div>
      <dl className="call__status">
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
      {call.enrichment_status === "failed" && call.enrichment_error && (
        <p className="call__error">Reason: {call.enrichment_error}</p>
      )}
      {filledIn && <p className="call__note">The contact was filled in from this call.</p>}
      <div className="call__actions">
        {call.enrichment_status === "failed" && (
          <button type="button" className="button button--small button--primary" onClick={rerun} disabled={busy}>
            Re-run enrichment
          </button>
        )}
        {call.enrichment_status !== null && <Transcription callId={call.id} />}
      </div>
      {error ? (
        <p role="alert" className="field__error">
          {messageOf(error)}
        </p>
      ) : null}
    </li>
  );
}

/** The list leaves transcriptions out (up to 256 KiB each): one is fetched when asked for. */
function Transcription({ callId }: { callId: string }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

  async function toggle() {
    setOpen(!open);
    if (open || text !== undefined) return;
    try {
      setText((await request(api.calls[":id"].$get({ param: { id: callId } }))).transcription);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <>
      <button type="button" className="button button--small" aria-expanded={open} onClick={toggle}>
        {open ? "Hide transcription" : "Show transcription"}
      </button>
      {open && (
        <div className="call__transcription">
          {error ? (
            <p role="alert">{messageOf(error)}</p>
          ) : text === undefined ? (
            <p role="status">Loading…</p>
          ) : text === null ? (
            <p>No transcription.</p>
          ) : (
            <blockquote>{text}</blockquote>
          )}
        </div>
      )}
    </>
  );
}
