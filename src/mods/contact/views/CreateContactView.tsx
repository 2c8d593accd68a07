import { Link, useLocation } from "wouter";
import { useToast } from "../../../ui/kit/components/Toasts";
import { contactName } from "../../../ui/kit/format";
import { useDocumentTitle } from "../../../ui/kit/hooks/useDocumentTitle";
import { CreateContactForm } from "../components/CreateContactForm";

export function CreateContactView() {
  useDocumentTitle("New contact");
  const [, navigate] = useLocation();
  const notify = useToast();
  return (
    <div className="page page--narrow">
      <p className="back-link">
        <Link href="/contacts">
          <span aria-hidden="true">← </span>All contacts
        </Link>
      </p>
      <h1>New contact</h1>
      <div className="card">
        <CreateContactForm
          onCreated={(contact) => {
            navigate(`/contacts/${contact.id}`);
            notify(`Added ${contactName(contact)}`);
          }}
        />
      </div>
    </div>
  );
}
