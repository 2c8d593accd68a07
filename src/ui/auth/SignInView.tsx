import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import * as auth from "../api/auth";
import { ErrorNotice } from "../components/ErrorNotice";
import { TextField } from "../components/TextField";
import { useDocumentTitle } from "../hooks/useDocumentTitle";
import { AuthLayout } from "./AuthLayout";
import { useSession } from "./session";

export function SignInView() {
  useDocumentTitle("Sign in");
  const { refresh } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await auth.signIn({ email: String(form.get("email")), password: String(form.get("password")) });
      // The guards move on to the app (or to creating an organization) once the session is read.
      await refresh();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
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
