import { Link } from "wouter";
import { useDocumentTitle } from "../kit/hooks/useDocumentTitle";

export function NotFoundView() {
  useDocumentTitle("Page not found");
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link href="/">Go to the dashboard</Link>
      </p>
    </div>
  );
}
