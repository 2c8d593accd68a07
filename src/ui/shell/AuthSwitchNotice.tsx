import { Link, useSearch } from "wouter";
import { messageOf } from "../kit/api/error-messages";
import { ApiFailure } from "../kit/api/errors";
import { ErrorNotice } from "../kit/components/ErrorNotice";
import { keepNext } from "./return-to";

interface Props {
  error: unknown;
  /** better-auth's codes for the refusals the other form answers (an account exists; none does). */
  codes: RegExp;
  /** What the link says, and where it goes: sign-in or sign-up, with the email typed so far. */
  hint: string;
  linkText: string;
  to: "/signin" | "/signup";
  email: string;
}

/**
 * A refusal of sign-in or sign-up that the other form answers ("User already exists": sign in
 * instead) links to it, carrying the email and the page to return to; any other error shows as is.
 */
export function AuthSwitchNotice({ error, codes, hint, linkText, to, email }: Props) {
  const search = useSearch();
  if (!(error instanceof ApiFailure && codes.test(error.code))) return <ErrorNotice error={error} />;
  return (
    <div role="alert" className="notice notice--error">
      <p>
        {messageOf(error)} {hint}{" "}
        <Link href={`${to}${keepNext(search)}`} state={{ email }}>
          {linkText}
        </Link>
      </p>
    </div>
  );
}

/** The email handed over by AuthSwitchNotice's link, to fill the other form's field with. */
export function handedOverEmail(state: unknown): string | undefined {
  const email = (state as { email?: unknown } | null)?.email;
  return typeof email === "string" ? email : undefined;
}
