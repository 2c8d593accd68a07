import type { FormEvent } from "react";
import { Link } from "wouter";
import * as auth from "../kit/api/auth";
import { ErrorNotice } from "../kit/components/ErrorNotice";
import { TextField } from "../kit/components/TextField";
import { useAction } from "../kit/hooks/useAction";
import { useDocumentTitle } from "../kit/hooks/useDocumentTitle";
import { AuthLayout } from "./AuthLayout";
import { useSession } from "./session";

/** better-auth's own minimum (src/auth/better-auth.ts); said up front rather than after a refusal. */
const MIN_PASSWORD_LENGTH = 10;

export function SignUpView() {
  useDocumentTitle("Create an account");
  const { refresh } = useSession();
  const { busy, error, run } = useAction();

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
        <ErrorNotice error={error} />
        <TextField label="Name" name="name" autoComplete="name" required autoFocus />
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
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
        Have an account? <Link href="/signin">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
