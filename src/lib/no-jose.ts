/*
 * Bundled in place of `jose` and `jose/errors` (wrangler.jsonc "alias"): better-auth imports jose
 * (41 KB of the API Worker, about 12 KiB gzip) for what this service never turns on: JWT or JWE
 * cookie caches, email verification tokens, account cookies and OAuth id tokens (email and
 * password only, no cookie cache: src/auth/better-auth.ts). Every place that reads a token a
 * client could send (a `session_data` or `account_data` cookie, `/verify-email?token=`) catches
 * what jose throws and treats the token as absent or invalid, so each function here throws; the
 * places that would make a token are unreachable with this configuration, and throw loudly if
 * someone turns one on without restoring jose (test/auth/no-jose.test.ts).
 */
export class JOSEError extends Error {
  code: string = "ERR_JOSE_NOT_BUNDLED";
  constructor(message = "jose is not bundled (src/lib/no-jose.ts)") {
    super(message);
  }
}
/** The classes better-auth names (some read `code` statically when its modules load). */
const errorClass = (code: string) =>
  class extends JOSEError {
    static code = code;
    code = code;
  };
export class JWTExpired extends errorClass("ERR_JWT_EXPIRED") {}
export const errors = {
  JOSEError,
  JWTExpired,
  JWKSTimeout: errorClass("ERR_JWKS_TIMEOUT"),
  JWKSInvalid: errorClass("ERR_JWKS_INVALID"),
  JWKSMultipleMatchingKeys: errorClass("ERR_JWKS_MULTIPLE_MATCHING_KEYS"),
  JWKSNoMatchingKey: errorClass("ERR_JWKS_NO_MATCHING_KEY"),
  JWSInvalid: errorClass("ERR_JWS_INVALID"),
  JWSSignatureVerificationFailed: errorClass("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"),
};

const notBundled = (): never => {
  throw new JOSEError();
};
export const jwtVerify = async (..._: unknown[]): Promise<never> => notBundled();
export const jwtDecrypt = async (..._: unknown[]): Promise<never> => notBundled();
export const decodeProtectedHeader = (..._: unknown[]): never => notBundled();
export const calculateJwkThumbprint = async (..._: unknown[]): Promise<never> => notBundled();
export const importJWK = async (..._: unknown[]): Promise<never> => notBundled();
export const importPKCS8 = async (..._: unknown[]): Promise<never> => notBundled();
export const createLocalJWKSet = (..._: unknown[]): never => notBundled();
export const base64url = { encode: notBundled, decode: notBundled };

/** The token builders: constructing one is where a flow that needs jose would start. */
class NotBundledJWT {
  constructor(..._: unknown[]) {
    notBundled();
  }
}
export class SignJWT extends NotBundledJWT {}
export class EncryptJWT extends NotBundledJWT {}
export class UnsecuredJWT extends NotBundledJWT {}
