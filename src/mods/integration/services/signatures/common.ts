/*
 * What the webhook verifiers share: Web Crypto only (no node:crypto, no provider SDK), over raw
 * bytes. Secrets are only ever compared in constant time: HMACs through `crypto.subtle.verify`,
 * shared secrets through their SHA-256 digests.
 */
import type { Verification } from "../providers/provider";

export const accepted: Verification = { ok: true };

export function rejected(detail: string): Verification {
  return { ok: false, outcome: "rejected_signature", detail };
}

export function stale(detail: string): Verification {
  return { ok: false, outcome: "rejected_stale", detail };
}

export function missingHeader(name: string, provider: string): Verification {
  return rejected(`the ${name} header is missing: the request does not come from ${provider}, or a proxy dropped it`);
}

const encoder = new TextEncoder();

/** The bytes of `parts` one after the other, strings as UTF-8. */
export function concatBytes(...parts: (string | Uint8Array)[]): Uint8Array<ArrayBuffer> {
  const chunks = parts.map((part) => (typeof part === "string" ? encoder.encode(part) : part));
  const out = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * HMAC keys this isolate imported lately: a platform signs every webhook of an integration with the
 * same secret. Bounded: cleared when full.
 */
const importedKeys = new Map<string, Promise<CryptoKey>>();

export function hmacKey(secret: string, hash: "SHA-1" | "SHA-256"): Promise<CryptoKey> {
  const id = `${hash}:${secret}`;
  let key = importedKeys.get(id);
  if (!key) {
    if (importedKeys.size >= 256) importedKeys.clear();
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash }, false, ["verify"]);
    importedKeys.set(id, key);
  }
  return key;
}

/** Constant time: Web Crypto computes the HMAC of `data` and compares it with `mac` itself. */
export function hmacVerifies(key: CryptoKey, mac: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>) {
  return crypto.subtle.verify("HMAC", key, mac, data);
}

/** Lowercase (or, with `anyCase`, any case) hex of exactly `bytes` bytes, else null. */
export function decodeHex(hex: string, bytes: number, anyCase = false): Uint8Array<ArrayBuffer> | null {
  if (hex.length !== bytes * 2 || !(anyCase ? /^[0-9a-f]*$/i : /^[0-9a-f]*$/).test(hex)) return null;
  return Uint8Array.from({ length: bytes }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** Strict, padded base64 (what the providers' SDKs accept), else null. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function encodeBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** Equal secrets, in constant time: their SHA-256 digests are compared, so lengths do not leak either. */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all(
    [given, expected].map(async (s) => new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(s)))),
  );
  let difference = 0;
  for (let i = 0; i < a!.length; i++) difference |= a![i]! ^ b![i]!;
  return difference === 0;
}

/** "3 minutes" / "2 hours": how far a timestamp is from now, for a detail. */
export function distance(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}
