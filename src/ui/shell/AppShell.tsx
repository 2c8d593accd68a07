import { type ReactNode, useEffect, useRef } from "react";
import { Link, useLocation } from "wouter";
import { askDefaultCountry } from "../kit/hooks/useDefaultCountry";
import { NavLink } from "./NavLink";
import { OrganizationSwitcher } from "./OrganizationSwitcher";
import { SignOutButton } from "./SignOutButton";
import { useSignedIn } from "./session";

/** The signed-in frame: header with navigation, organization and account; the page below. */
export function AppShell({ children }: { children: ReactNode }) {
  const { user } = useSignedIn();
  const main = useFocusOnNavigation();
  // Numbers show in the organization's national format: ask for its country before any list of them.
  useEffect(() => void askDefaultCountry(), []);

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header__top">
          <Link href="/" className="brand" aria-label="Caller identity, dashboard">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">Caller identity</span>
          </Link>
          <div className="account">
            <span className="account__user" title={user.email}>
              {user.name}
            </span>
            <SignOutButton />
          </div>
        </div>
        <div className="app-header__bar">
          <nav aria-label="Main">
            <ul className="nav">
              <li>
                <NavLink href="/">Dashboard</NavLink>
              </li>
              <li>
                <NavLink href="/contacts">Contacts</NavLink>
              </li>
              <li>
                <NavLink href="/calls">Calls</NavLink>
              </li>
              <li>
                <NavLink href="/api-keys">API keys</NavLink>
              </li>
              <li>
                <NavLink href="/integrations">Integrations</NavLink>
              </li>
            </ul>
          </nav>
          <OrganizationSwitcher />
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className="app-main">
        {children}
      </main>
    </div>
  );
}

/**
 * After a client-side navigation, focus moves to the new page (as a page load would put it at
 * the top), so keyboard and screen reader users start there instead of on the old link.
 */
function useFocusOnNavigation() {
  const ref = useRef<HTMLElement>(null);
  const [location] = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, [location]);
  return ref;
}
