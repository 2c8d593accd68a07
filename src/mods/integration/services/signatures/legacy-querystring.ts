/*
 * Node's legacy `querystring.parse` then `stringify`, as twilio's validateRequest applies them to
 * a URL's query (its last fallback, for back ends that signed an escaped form of the query: `'`
 * and `%27` differ). Applied only to URLs as `new URL()` serializes them, whose query is ASCII.
 */

/** `querystring.stringify(querystring.parse(query))`. */
export function legacyQuerystring(query: string): string {
  // A null prototype and string keys, as querystring.parse builds it: integer-like keys come first.
  const parsed: Record<string, string[]> = Object.create(null);
  // parse reads at most 1000 pairs (maxKeys), empty ones ("a=1&&b=2") included in the count.
  for (const pair of query.split("&").slice(0, 1000)) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = unescapeQuery(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? "" : unescapeQuery(pair.slice(eq + 1));
    parsed[key] = [...(parsed[key] ?? []), value];
  }
  return Object.keys(parsed)
    .flatMap((key) => parsed[key]!.map((value) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`))
    .join("&");
}

/** querystring.unescape: `+` is a space; decoded only when a valid `%XX` is present, leniently if malformed. */
function unescapeQuery(text: string): string {
  const spaced = text.replaceAll("+", " ");
  if (!/%[0-9a-f]{2}/i.test(spaced)) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // querystring.unescapeBuffer: every valid %XX becomes its byte, the rest stays; then read as UTF-8.
    const bytes = new Uint8Array(spaced.length);
    let length = 0;
    for (let i = 0; i < spaced.length; i++) {
      const hex = spaced.slice(i + 1, i + 3);
      if (spaced[i] === "%" && /^[0-9a-f]{2}$/i.test(hex)) {
        bytes[length++] = Number.parseInt(hex, 16);
        i += 2;
      } else bytes[length++] = spaced.charCodeAt(i);
    }
    return new TextDecoder().decode(bytes.subarray(0, length));
  }
}
