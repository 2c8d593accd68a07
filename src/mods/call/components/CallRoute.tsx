import { PhoneNumber } from "../../../ui/kit/components/PhoneNumber";
import type { CallSummary } from "../types/call";

/** The number the caller dialled and the provider that carried the call, as entries of a call's <dl>. */
export function CallRoute({ call }: { call: Pick<CallSummary, "to" | "provider"> }) {
  return (
    <>
      <div>
        <dt>Number called</dt>
        <dd>{call.to ? <PhoneNumber value={call.to} /> : <span className="muted">not given</span>}</dd>
      </div>
      <div>
        <dt>Provider</dt>
        <dd>{call.provider ?? <span className="muted">not given</span>}</dd>
      </div>
    </>
  );
}
