import type { FormEvent } from "react";
import { useLocation } from "wouter";
import * as auth from "../kit/api/auth";
import { ErrorNotice } from "../kit/components/ErrorNotice";
import { TextField } from "../kit/components/TextField";
import { useAction } from "../kit/hooks/useAction";
import { useDocumentTitle } from "../kit/hooks/useDocumentTitle";
import { AppShell } from "./AppShell";
import { AuthLayout } from "./AuthLayout";
import { SignOutButton } from "./SignOutButton";
import { useSession, useSignedIn } from "./session";

/** A new organization becomes the session's active one (better-auth does that). */
function CreateOrganizationForm() {
  const { refresh } = useSession();
  const [, navigate] = useLocation();
  const { busy, error, setError, run } = useAction();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name")).trim();
    if (!name) {
      setError("Give the organization a name.");
      return;
    }
    void run(async () => {
      await auth.createOrganization(name);
      await refresh();
      navigate("/");
    });
  }

  return (
    <form className="stack" onSubmit={submit}>
      <ErrorNotice error={error} />
      <TextField
        label="Organization name"
        name="name"
        autoComplete="organization"
        required
        autoFocus
        hint="Your company or team. Contacts and API keys belong to it."
      />
      <button type="submit" className="button button--primary button--block" disabled={busy}>
        Create organization
      </button>
    </form>
  );
}

/**
 * After signing up there is no organization yet and nothing else to do: the page stands alone.
 * Someone who has organizations already creates another inside the app's shell.
 */
export function CreateOrganizationView() {
  useDocumentTitle("New organization");
  const { organizations, user } = useSignedIn();
  if (!organizations.length) {
    return (
      <AuthLayout title="Create your organization">
        <p className="lead">One last step: contacts and calls belong to an organization.</p>
        <CreateOrganizationForm />
        {/* Not the right account (or not now): the way out is here too, not only inside the app. */}
        <div className="auth-account">
          <span className="auth-account__user">Signed in as {user.email}</span>
          <SignOutButton />
        </div>
      </AuthLayout>
    );
  }
  return (
    <AppShell>
      <div className="page page--narrow">
        <h1>New organization</h1>
        <CreateOrganizationForm />
      </div>
    </AppShell>
  );
}
