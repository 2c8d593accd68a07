import { formatPhoneNumber } from "../format";
import { useDefaultCountry } from "../hooks/useDefaultCountry";

/**
 * A phone number as people write it (formatPhoneNumber). With `dial`, a `tel:` link, which keeps
 * the E.164 (it dials from anywhere); `value`s that are no number ("anonymous") show as they are.
 */
export function PhoneNumber({ value, dial = false }: { value: string; dial?: boolean }) {
  const shown = formatPhoneNumber(value, useDefaultCountry());
  if (!dial || !value.startsWith("+")) return <>{shown}</>;
  return (
    <a href={`tel:${value}`} className="phone-link">
      {shown}
    </a>
  );
}
