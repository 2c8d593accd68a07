/**
 * The longest transcript sent to the model, in characters (about 6,000 tokens): a name and an
 * email are said near the start of a call, or confirmed near its end, so a long call keeps both
 * ends and drops its middle. Two hours of talk (~100,000 characters) cost the same as a few minutes.
 */
export const MAX_TRANSCRIPT_CHARS = 24_000;

export function capTranscript(transcript: string): string {
  if (transcript.length <= MAX_TRANSCRIPT_CHARS) return transcript;
  const half = MAX_TRANSCRIPT_CHARS / 2;
  const omitted = transcript.length - 2 * half;
  const gap = `[… ${omitted} characters of the middle of the call omitted …]`;
  return `${transcript.slice(0, half)}\n${gap}\n${transcript.slice(-half)}`;
}
