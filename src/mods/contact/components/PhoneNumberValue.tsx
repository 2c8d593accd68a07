import { CopyButton } from "../../../ui/kit/components/CopyButton";
import { PhoneNumber } from "../../../ui/kit/components/PhoneNumber";
import { formatPhoneNumber } from "../../../ui/kit/format";
import { useDefaultCountry } from "../../../ui/kit/hooks/useDefaultCountry";

/**
 * A contact's phone on its card: formatted for people and a `tel:` link; Copy copies the E.164,
 * which other tools (a dialer, a CRM, this API) take from anywhere.
 */
export function PhoneNumberValue({ value }: { value: string }) {
  const shown = formatPhoneNumber(value, useDefaultCountry());
  return (
    <>
      <PhoneNumber value={value} dial />
      <CopyButton text={value} what={`the number ${shown}`} />
    </>
  );
}
