import { Link } from "wouter";
import { messageOf } from "../../../ui/kit/api/error-messages";
import type { ApiFailure } from "../../../ui/kit/api/errors";

/** A 409: the number or address belongs to another contact of the organization, which it links to. */
export function ConflictMessage({ failure, currentContactId }: { failure: ApiFailure; currentContactId?: string }) {
  const id = failure.existingContactId;
  if (id && id === currentContactId) return <>This contact has it already.</>;
  if (!id) return <>{messageOf(failure)}</>;
  return (
    <>
      {messageOf(failure)} <Link href={`/contacts/${id}`}>Open that contact</Link>
    </>
  );
}
