import { Fragment, type ReactNode } from "react";
import { Redirect } from "wouter";
import { Loading } from "../kit/components/Loading";
import { AppShell } from "./AppShell";
import { useSession } from "./session";

function SessionLoading() {
  return (
    <div className="page-center">
      <Loading what="Loading your session…" />
    </div>
  );
}

/** Sign-in and sign-up: someone signed in already goes on to the app. */
export function SignedOutOnly({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status === "loading") return <SessionLoading />;
  if (state.status === "signed-in") return <Redirect to="/" replace />;
  return children;
}

/** Pages for anyone signed in, with or without an organization (creating one). */
export function SignedIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status === "loading") return <SessionLoading />;
  if (state.status === "signed-out") return <Redirect to="/signin" replace />;
  return children;
}

/**
 * The app proper needs an active organization; without one, the person creates one first.
 * Its pages are remounted when the organization changes, so nothing of the old one lingers.
 */
export function WithOrganization({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status === "loading") return <SessionLoading />;
  if (state.status === "signed-out") return <Redirect to="/signin" replace />;
  if (!state.activeOrganizationId) return <Redirect to="/orgs/new" replace />;
  return (
    <AppShell>
      <Fragment key={state.activeOrganizationId}>{children}</Fragment>
    </AppShell>
  );
}
