import { Fragment, type ReactNode } from "react";
import { Redirect, useLocation, useSearch } from "wouter";
import { Loading } from "../kit/components/Loading";
import { AppShell } from "./AppShell";
import { returnPath, signInReturningTo } from "./return-to";
import { useSession } from "./session";

function SessionLoading() {
  return (
    <div className="page-center">
      <Loading what="Loading your session…" />
    </div>
  );
}

/** Sign-in and sign-up: someone signed in already goes on to the app, to the page they were sent from. */
export function SignedOutOnly({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const search = useSearch();
  if (state.status === "loading") return <SessionLoading />;
  if (state.status === "signed-in") return <Redirect to={returnPath(search)} replace />;
  return children;
}

/**
 * To sign in, keeping the page asked for so that signing in comes back to it; not after signing
 * out here, when the next person to sign in starts from the dashboard.
 */
function ToSignIn({ keepPlace }: { keepPlace: boolean }) {
  const [location] = useLocation();
  const search = useSearch();
  const here = search ? `${location}?${search}` : location;
  return <Redirect to={keepPlace ? signInReturningTo(here) : "/signin"} replace />;
}

/** Pages for anyone signed in, with or without an organization (creating one). */
export function SignedIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status === "loading") return <SessionLoading />;
  if (state.status === "signed-out") return <ToSignIn keepPlace={!state.left} />;
  return children;
}

/**
 * The app proper needs an active organization; without one, the person creates one first.
 * Its pages are remounted when the organization changes, so nothing of the old one lingers.
 */
export function WithOrganization({ children }: { children: ReactNode }) {
  const { state } = useSession();
  if (state.status === "loading") return <SessionLoading />;
  if (state.status === "signed-out") return <ToSignIn keepPlace={!state.left} />;
  if (!state.activeOrganizationId) return <Redirect to="/orgs/new" replace />;
  return (
    <AppShell>
      <Fragment key={state.activeOrganizationId}>{children}</Fragment>
    </AppShell>
  );
}
