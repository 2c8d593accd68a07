import { useState } from "react";
import { Link, useLocation } from "wouter";
import { useSession, useSignedIn } from "./session";

/**
 * Switches the session's active organization. A contact's page belongs to the organization it
 * was opened in, so switching from one goes back to the list.
 */
export function OrganizationSwitcher() {
  const { switchOrganization } = useSession();
  const { organizations, activeOrganizationId } = useSignedIn();
  const [location, navigate] = useLocation();
  const [failed, setFailed] = useState(false);

  async function change(id: string) {
    setFailed(false);
    try {
      await switchOrganization(id);
      if (/^\/contacts\/(?!new$)/.test(location)) navigate("/contacts");
    } catch {
      setFailed(true);
    }
  }

  return (
    <div className="org-switcher">
      <label htmlFor="organization-switcher" className="org-switcher__label">
        Organization
      </label>
      <select
        id="organization-switcher"
        value={activeOrganizationId ?? ""}
        onChange={(e) => void change(e.target.value)}
      >
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <Link href="/orgs/new" className="org-switcher__new" aria-label="New organization">
        <span aria-hidden="true">+</span>
        <span className="org-switcher__new-text">New</span>
      </Link>
      {failed && (
        <p role="alert" className="field__error">
          Could not switch. Try again.
        </p>
      )}
    </div>
  );
}
