import { Link } from "wouter";
import type { ApiFailure } from "../../../ui/kit/api/errors";

/**
 * A 409: the number or address belongs to another contact of the organization. The message
 * drops the API's field prefix ("phone_number: ") since it shows at the field already.
 */
export function ConflictMessage({ failure, currentContactId }: { failure: ApiFailure; currentContactId?: string }) {
  const message = failure.message.replace(/^(phone_number|email): /, "");
  const id = failure.existingContactId;
  if (!id) return <>{message}</>;
  if (id === currentContactId) return <>{message}: this one.</>;
  return (
    <>
      {message}. <Link href={`/contacts/${id}`}>Open that contact</Link>
    </>
  );
}

/** The field a 409's message names: "phone_number: …" or "email: …". */
export function conflictField(failure: ApiFailure): "phone" | "email" | undefined {
  if (failure.message.startsWith("phone_number")) return "phone";
  if (failure.message.startsWith("email")) return "email";
  return undefined;
}
