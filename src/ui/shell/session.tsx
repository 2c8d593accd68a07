import { createContext, type ReactNode, use, useCallback, useEffect, useMemo, useRef, useState } from "react";
import * as auth from "../kit/api/auth";
import { whenUnauthenticated } from "../kit/api/bookmark-fetch";

export type SessionState =
  | { status: "loading" }
  /** `left`: the person signed out here (rather than arriving, or the session ending elsewhere). */
  | { status: "signed-out"; left?: boolean }
  | { status: "signed-in"; user: auth.User; organizations: auth.Organization[]; activeOrganizationId: string | null };

interface SessionContext {
  state: SessionState;
  /** Reads the session again (after signing in or up, or creating an organization). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  switchOrganization(id: string): Promise<void>;
}

const Context = createContext<SessionContext | null>(null);

// A new session has no active organization: the one the person used last is picked for them.
const lastOrganizationKey = (userId: string) => `caller-identity:last-organization:${userId}`;

function remember(userId: string, organizationId: string) {
  try {
    localStorage.setItem(lastOrganizationKey(userId), organizationId);
  } catch {} // Storage may be off (private browsing): then the first organization is picked.
}

function recall(userId: string): string | null {
  try {
    return localStorage.getItem(lastOrganizationKey(userId));
  } catch {
    return null;
  }
}

async function readSession(): Promise<SessionState> {
  const session = await auth.getSession();
  if (!session) return { status: "signed-out" };
  const organizations = await auth.listOrganizations();
  let active = session.session.activeOrganizationId ?? null;
  if (!organizations.some((o) => o.id === active)) active = null;
  if (!active && organizations.length) {
    const last = recall(session.user.id);
    const chosen = organizations.find((o) => o.id === last) ?? organizations[0]!;
    await auth.setActiveOrganization(chosen.id);
    active = chosen.id;
  }
  if (active) remember(session.user.id, active);
  return { status: "signed-in", user: session.user, organizations, activeOrganizationId: active };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  // Each read of the session, and each sign-out, takes a number: only the latest may set the
  // state, so a read that started before a sign-out and answers after it is dropped.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++latest.current;
    let next: SessionState;
    try {
      next = await readSession();
    } catch {
      // The server could not tell who we are: treat it as signed out rather than hang.
      next = { status: "signed-out" };
    }
    if (mine === latest.current) setState(next);
  }, []);

  useEffect(() => {
    void refresh();
    whenUnauthenticated(() => void refresh());
  }, [refresh]);

  const signOut = useCallback(async () => {
    const mine = ++latest.current;
    await auth.signOut();
    if (mine === latest.current) setState({ status: "signed-out", left: true });
  }, []);

  const switchOrganization = useCallback(async (id: string) => {
    await auth.setActiveOrganization(id);
    setState((s) => {
      if (s.status !== "signed-in") return s;
      remember(s.user.id, id);
      return { ...s, activeOrganizationId: id };
    });
  }, []);

  const value = useMemo(
    () => ({ state, refresh, signOut, switchOrganization }),
    [state, refresh, signOut, switchOrganization],
  );
  return <Context value={value}>{children}</Context>;
}

export function useSession(): SessionContext {
  const context = use(Context);
  if (!context) throw new Error("useSession outside SessionProvider");
  return context;
}

/** The signed-in state, for components rendered only behind the sign-in guard. */
export function useSignedIn() {
  const { state } = useSession();
  if (state.status !== "signed-in") throw new Error("useSignedIn outside the signed-in routes");
  return state;
}
