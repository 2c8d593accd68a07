import type { FormEvent } from "react";
import { Link } from "wouter";
import * as auth from "../kit/api/auth";
import { ErrorNotice } from "../kit/components/ErrorNotice";
import { TextField } from "../kit/components/TextField";
import { useAction } from "../kit/hooks/useAction";
import { useDocumentTitle } from "../kit/hooks/useDocumentTitle";
import { AuthLayout } from "./AuthLayout";
import { useSession } from "./session";

export function SignInView() {
  useDocumentTitle("Sign in");
  const { refresh } = useSession();
  const { busy, error, run } = useAction();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () => {
      await auth.signIn({ email: String(form.get("email")), password: String(form.get("password")) });
      // The guards move on to the app (or to creating an organization) once the session is read.
      await refresh();
    });
  }

  return (
    <AuthLayout title="Sign in">
      <form className="stack" onSubmit={submit}>
        <ErrorNotice error={error} />
        <TextField label="Email" name="email" type="email" autoComplete="username" required autoFocus />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" className="button button--primary button--block" disabled={busy}>
          Sign in
        </button>
      </form>
      <p className="auth-switch">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </AuthLayout>
  );
}
