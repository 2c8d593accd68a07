/*
 * better-auth's routes (/api/auth/*), called with plain fetch: the handful the UI needs costs
 * less than better-auth's client bundle.
 */
import { bookmarkFetch } from "./bookmark-fetch";
import { ApiFailure } from "./errors";

export interface User {
  id: string;
  name: string;
  email: string;
}

export interface Organization {
  id: string;
  name: string;
  slug: string;
}

export interface Session {
  user: User;
  session: { activeOrganizationId?: string | null };
}

async function call<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit =
    body === undefined
      ? {}
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  const response = await bookmarkFetch(`/api/auth/${path}`, init);
  if (!response.ok) throw await ApiFailure.from(response);
  return (await response.json()) as T;
}

export const signUp = (input: { name: string; email: string; password: string }) => call("sign-up/email", input);
export const signIn = (input: { email: string; password: string }) => call("sign-in/email", input);
export const signOut = () => call("sign-out", {});
export const getSession = () => call<Session | null>("get-session");
export const listOrganizations = () => call<Organization[]>("organization/list");
export const setActiveOrganization = (organizationId: string) =>
  call<Organization>("organization/set-active", { organizationId });

/** Slugs are unique across the service: the name's, with a random tail nobody has to invent. */
export function createOrganization(name: string) {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "org";
  const tail = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36);
  return call<Organization>("organization/create", { name, slug: `${base}-${tail}` });
}
