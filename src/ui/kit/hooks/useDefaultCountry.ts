import type { CountryCode } from "libphonenumber-js/min";
import { useEffect, useState } from "react";
import { api, request } from "../api/client";

/** Asked once per page load: the setting is the deployment's, the same for every organization. */
let asked: Promise<CountryCode | undefined> | undefined;
let known: CountryCode | undefined;

/**
 * Starts asking (once) without waiting: the signed-in frame calls it as it mounts, so the answer
 * is in before the first list of numbers and they never switch format on screen.
 */
export function askDefaultCountry() {
  asked ??= request(api.settings.$get()).then(
    (settings) => {
      known = settings.default_phone_country as CountryCode;
      return known;
    },
    () => {
      // Numbers show in international format meanwhile; the next screen asks again.
      asked = undefined;
      return undefined;
    },
  );
  return asked;
}

/**
 * The country whose numbers show in national format (GET /api/settings' default_phone_country);
 * undefined until it is known, when numbers show in international format.
 */
export function useDefaultCountry(): CountryCode | undefined {
  const [country, setCountry] = useState(known);
  useEffect(() => {
    if (known) return;
    let current = true;
    void askDefaultCountry().then((c) => current && setCountry(c));
    return () => {
      current = false;
    };
  }, []);
  return country;
}
