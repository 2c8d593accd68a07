import { describe, expect, it } from "vitest";
import { keepEnds, MAX_TRANSCRIPT_BYTES } from "../../src/mods/integration/services/keep-ends";

const bytesOf = (text: string) => new TextEncoder().encode(text).length;

describe("keepEnds: a transcript over 256 KiB keeps its first and last 128 KiB", () => {
  it("leaves a transcript within the limit as it is", () => {
    const text = "a".repeat(MAX_TRANSCRIPT_BYTES);
    expect(keepEnds(text)).toBe(text);
  });

  it("keeps both ends of a long ASCII transcript, exactly 128 KiB each", () => {
    const text = `START${"m".repeat(MAX_TRANSCRIPT_BYTES)}END`;
    const kept = keepEnds(text);
    expect(bytesOf(kept)).toBe(MAX_TRANSCRIPT_BYTES);
    expect(kept.startsWith("START")).toBe(true);
    expect(kept.endsWith("END")).toBe(true);
  });

  it("cuts between characters: no replacement character, never over the limit", () => {
    const text = "€".repeat(100_000); // 3 bytes each: 300,000 bytes
    const kept = keepEnds(text);
    expect(kept).not.toContain("\uFFFD");
    expect(bytesOf(kept)).toBeLessThanOrEqual(MAX_TRANSCRIPT_BYTES);
    expect(bytesOf(kept)).toBeGreaterThan(MAX_TRANSCRIPT_BYTES - 6);
    expect(kept).toBe("€".repeat(kept.length));
  });
});
