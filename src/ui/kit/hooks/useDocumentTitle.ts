import { useEffect } from "react";

/** The tab's title names the page, so history and screen readers tell pages apart. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Caller identity` : "Caller identity";
  }, [title]);
}
