import { useCallback, useEffect, useRef, useState } from "react";
import { errorsByField } from "../api/error-messages";
import type { Issue } from "../api/errors";

interface FormErrors<F extends string> {
  /** The failure they came from (a 409's contact link, focus on the first invalid field). */
  error: unknown;
  fields: Partial<Record<F, string>>;
  /** What no field claims, for a summary above the form. */
  form?: string;
}

const NONE = { error: null, fields: {} };

/**
 * A form's errors from its last submission, in words for people: every issue at its own field at
 * once, the rest for the whole form. A field's error goes as soon as that field changes (`clear`);
 * the others stay until theirs change or the form is sent again (`reset`).
 */
export function useFormErrors<F extends string>() {
  const [errors, setErrors] = useState<FormErrors<F>>(NONE);
  /** Shows `error`, its issues at the fields `fieldOf` names for their paths (undefined: the whole form). */
  const fail = useCallback((error: unknown, fieldOf: (path: Issue["path"]) => F | undefined) => {
    setErrors({ error, ...errorsByField(error, fieldOf) });
  }, []);
  const clear = useCallback((...changed: F[]) => {
    setErrors((current) => {
      if (!changed.some((field) => current.fields[field] !== undefined)) return current;
      const fields = { ...current.fields };
      for (const field of changed) delete fields[field];
      return { ...current, fields };
    });
  }, []);
  const reset = useCallback(() => setErrors(NONE), []);
  return { ...errors, fail, clear, reset };
}

/**
 * useFormErrors for a form whose failure is held elsewhere (useAction's `error`): each new failure
 * shows at the fields `fieldOf` names, and each message goes as its field changes.
 */
export function useFormErrorsOf<F extends string>(error: unknown, fieldOf: (path: Issue["path"]) => F | undefined) {
  const errors = useFormErrors<F>();
  const { fail, reset } = errors;
  const fieldOfNow = useRef(fieldOf);
  fieldOfNow.current = fieldOf;
  useEffect(() => {
    if (error) fail(error, fieldOfNow.current);
    else reset();
  }, [error, fail, reset]);
  return errors;
}
