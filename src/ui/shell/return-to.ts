/*
 * A signed-out visit to a page of the app goes to sign in with the page in `?next=`, and comes
 * back to it once signed in. Only a path of this app is followed: `next` comes from the address
 * bar, and a link could carry `?next=//evil.example` (an open redirect) or `next=/signin` (a loop).
 */

/** The sign-in address that returns to `path` (the page's path and query); plain for the dashboard. */
export function signInReturningTo(path: string) {
  return path === "/" ? "/signin" : `/signin?next=${encodeURIComponent(path)}`;
}

/** Where to go once signed in: the `next` of `search` when it is a page of this app, else the dashboard. */
export function returnPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/^\/(signin|signup)(?:[/?#]|$)/.test(next)) return "/";
  return next;
}

/** The `?next=` part of `search`, to carry between sign-in and sign-up; empty when there is none. */
export function keepNext(search: string) {
  const next = new URLSearchParams(search).get("next");
  return next ? `?next=${encodeURIComponent(next)}` : "";
}
