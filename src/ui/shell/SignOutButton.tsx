import { useState } from "react";
import { useSession } from "./session";

/** Signs out; it stays usable if the server could not be reached, so it can be tried again. */
export function SignOutButton() {
  const { signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);

  async function leave() {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      setSigningOut(false);
    }
  }

  return (
    <button type="button" className="button button--small" onClick={leave} disabled={signingOut}>
      Sign out
    </button>
  );
}
