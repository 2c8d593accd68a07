import type { ComponentProps } from "react";
import { TextField } from "../../../ui/kit/components/TextField";

/**
 * A secret to paste: masked, never offered by autofill, never echoed back (the API keeps only
 * its last four characters for the screen).
 */
export function SecretField(props: Omit<ComponentProps<typeof TextField>, "type" | "autoComplete" | "spellCheck">) {
  return <TextField {...props} type="password" autoComplete="off" spellCheck={false} />;
}
