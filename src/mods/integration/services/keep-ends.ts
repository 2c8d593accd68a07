/** The largest transcript saved, in bytes, as the transcription route's body limit. */
export const MAX_TRANSCRIPT_BYTES = 256 * 1024;

/**
 * A transcript longer than the limit keeps its first and last halves (in bytes): a caller says
 * who they are near the start of a call, or confirms it near the end.
 */
export function keepEnds(text: string, maxBytes = MAX_TRANSCRIPT_BYTES): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return text;
  const half = maxBytes / 2;
  // Cut between characters: a UTF-8 continuation byte (10xxxxxx) never starts a character.
  const isContinuation = (i: number) => ((bytes[i] ?? 0) & 0xc0) === 0x80;
  let headEnd = half;
  while (headEnd > 0 && isContinuation(headEnd)) headEnd--;
  let tailStart = bytes.length - half;
  while (tailStart < bytes.length && isContinuation(tailStart)) tailStart++;
  const decode = (part: Uint8Array) => new TextDecoder().decode(part);
  return decode(bytes.subarray(0, headEnd)) + decode(bytes.subarray(tailStart));
}
