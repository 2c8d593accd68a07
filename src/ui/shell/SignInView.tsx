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

export function SignInView() {
  useDocumentTitle("Sign in");
  const { refresh } = useSession();
  const { busy, error, run } = useAction();
  const search = useSearch();
  // Typed on the sign-up form before it said the account exists.
  const handedOver = handedOverEmail(useHistoryState());
  const [email, setEmail] = useState(handedOver ?? "");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      await auth.signIn({ email: String(form.get("email")), password: String(form.get("password")) });
      // The guards move on to the app (to `next`, or to creating an organization) once the session is read.
      await refresh();
    });
  }

  return (
    <AuthLayout title="Sign in">
      <form className="stack" onSubmit={submit}>
        <AuthSwitchNotice
          error={error}
          codes={/^INVALID_EMAIL_OR_PASSWORD$/}
          hint="No account yet?"
          linkText="Create an account"
          to="/signup"
          email={email}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus={!email}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={!!email}
        />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          Sign in
        </button>
      </form>
      <p className="auth-switch">
        New here? <Link href={`/signup${keepNext(search)}`}>Create an account</Link>
      </p>
    </AuthLayout>
  );
}
