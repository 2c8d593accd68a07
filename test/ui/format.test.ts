import { describe, expect, it } from "vitest";
import { formatPhoneNumber } from "../../src/ui/kit/format";

/* The web UI's phone numbers: national for the organization's country, international otherwise. */
describe("formatPhoneNumber", () => {
  it.each([
    ["+14155552671", "US", "(415) 555-2671"],
    // Possible but unassigned (+1 555): no country claims it; the calling code is the US's.
    ["+15551234567", "US", "(555) 123-4567"],
    ["+442071838750", "US", "+44 20 7183 8750"],
    ["+442071838750", "GB", "020 7183 8750"],
    ["+14155552671", "GB", "+1 415 555 2671"],
    // Canada shares +1 with the US, yet is another country: international.
    ["+14165550199", "US", "+1 416 555 0199"],
  ] as const)("%s in an organization of %s reads %s", (e164, country, shown) => {
    expect(formatPhoneNumber(e164, country)).toBe(shown);
  });

  it("is international while the country is not known yet", () => {
    expect(formatPhoneNumber("+14155552671", undefined)).toBe("+1 415 555 2671");
  });

  it.each(["anonymous", "12", "", "restricted"])("leaves %j, which is no number, as it is", (value) => {
    expect(formatPhoneNumber(value, "US")).toBe(value);
  });
});
