import { useEffect, useRef } from "react";

/**
 * When a submission fails, focus moves to the first field the API refused, so keyboard and
 * screen reader users land on the problem (its message is tied to it by aria-describedby).
 */
export function useFocusFirstInvalid(error: unknown) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  return form;
}
