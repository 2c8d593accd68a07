import { ApiFailure } from "../../../ui/kit/api/errors";

/** Is this the API's 403: a member who is neither owner nor admin? */
export const isForbidden = (error: unknown) => error instanceof ApiFailure && error.status === 403;

/** The 403 said calmly: nothing broke, managing integrations is for owners and admins. */
export function AdminOnlyNotice() {
  return (
    <div className="empty empty--large" role="status">
      <p>
        <strong>Only owners and admins manage integrations.</strong>
      </p>
      <p>Ask an owner or admin of this organization to connect a platform, or to give you the admin role.</p>
    </div>
  );
}
