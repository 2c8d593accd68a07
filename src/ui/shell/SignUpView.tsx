import { type FormEvent, useState } from "react";
import { Link, useSearch } from "wouter";
import { useHistoryState } from "wouter/use-browser-location";
import * as auth from "../kit/api/auth";
import { TextField } from "../kit/components/TextField";
import { useAction } from "../kit/hooks/useAction";
import { useDocumentTitle } from "../kit/hooks/useDocumentTitle";
import { AuthLayout } from "./AuthLayout";
import { AuthSwitchNotice, handedOverEmail } from "./AuthSwitchNotice";
import { keepNext } from "./return-to";
import { useSession } from "./session";

/** better-auth's own minimum (src/auth/better-auth.ts); said up front rather than after a refusal. */
const MIN_PASSWORD_LENGTH = 10;

export function SignUpView() {
  useDocumentTitle("Create an account");
  const { refresh } = useSession();
  const { busy, error, run } = useAction();
  const search = useSearch();
  // Typed on the sign-in form before it said there is no such account.
  const handedOver = handedOverEmail(useHistoryState());
  const [email, setEmail] = useState(handedOver ?? "");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      await auth.signUp({
        name: String(form.get("name")).trim(),
        email: String(form.get("email")).trim(),
        password: String(form.get("password")),
      });
      // Signed in already; with no organization yet, the guards ask for one.
      await refresh();
    });
  }

  return (
    <AuthLayout title="Create an account">
      <form className="stack" onSubmit={submit}>
        <AuthSwitchNotice
          error={error}
          codes={/^USER_ALREADY_EXISTS/}
          hint="Is it yours?"
          linkText="Sign in instead"
          to="/signin"
          email={email.trim()}
        />
        <TextField label="Name" name="name" autoComplete="name" required autoFocus />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          Create account
        </button>
      </form>
      <p className="auth-switch">
        Have an account? <Link href={`/signin${keepNext(search)}`}>Sign in</Link>
      </p>
    </AuthLayout>
  );
}
