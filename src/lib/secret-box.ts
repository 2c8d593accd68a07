/*
 * Secrets the service must read back in clear (a webhook's HMAC key), sealed with AES-GCM under a
 * key held as a Worker secret. A sealed value names the key that sealed it (the first 8 hex digits
 * of the key's SHA-256), so the key can be rotated: the new key seals, and the previous one still
 * opens what it sealed until each value is sealed again (README, "Rotating the secrets key").
 */

const VERSION = "v1";

export interface SecretKeys {
  /** base64 of 32 random bytes: seals and opens. */
  current: string;
  /** The key before a rotation: opens only. */
  previous?: string;
}

interface UsableKey {
  id: string;
  key: CryptoKey;
}

/** Imported keys per isolate: importing costs more than sealing a short secret. */
const imported = new Map<string, Promise<UsableKey>>();

function usable(base64Key: string): Promise<UsableKey> {
  let found = imported.get(base64Key);
  if (!found) {
    found = importKey(base64Key);
    imported.set(base64Key, found);
    found.catch(() => imported.delete(base64Key));
  }
  return found;
}

async function importKey(base64Key: string): Promise<UsableKey> {
  const raw = fromBase64(base64Key);
  if (raw.length !== 32) throw new Error("a secret key must be base64 of 32 bytes");
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  const id = [...digest.slice(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join("");
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  return { id, key };
}

export async function seal(plaintext: string, keys: SecretKeys): Promise<string> {
  const { id, key } = await usable(keys.current);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(plaintext));
  return [VERSION, id, toBase64(iv), toBase64(new Uint8Array(sealed))].join(".");
}

/** The secret in clear; throws when no key in `keys` sealed it, or the value was altered. */
export async function open(sealed: string, keys: SecretKeys): Promise<string> {
  const [version, id, iv, data] = sealed.split(".");
  if (version !== VERSION || !id || !iv || !data) throw new Error("not a sealed secret");
  for (const candidate of [keys.current, keys.previous]) {
    if (!candidate) continue;
    const { id: keyId, key } = await usable(candidate);
    if (keyId !== id) continue;
    const clear = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv) }, key, fromBase64(data));
    return new TextDecoder().decode(clear);
  }
  throw new Error(`the key ${id} that sealed this secret is neither the current nor the previous one`);
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}
