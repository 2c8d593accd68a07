/**
 * Bytes as lowercase hex, two digits each (digests, ids). secret-box.ts writes its own: the benches
 * import it under Node, whose type stripping needs explicit file extensions in imports.
 */
export const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
