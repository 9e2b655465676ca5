// Distinct cycle names (issue 15): a new cycle never repeats the name of an open or recent one.
import { describe, expect, it } from "vitest";
import { cycleContaining, distinctCycleName } from "../../src/domain/cycles.js";

describe("distinct cycle names", () => {
  it("given a default name nobody has then it is kept", () => {
    expect(distinctCycleName(cycleContaining(new Date("2027-02-10T00:00:00Z"), "quarter").name, ["2026-Q4"])).toBe("2027-Q1");
  });
  it("given the name of a recent cycle then a number tells the new one apart, skipping numbers in use", () => {
    expect(distinctCycleName("2027-Q1", ["2027-Q1"])).toBe("2027-Q1 #2");
    expect(distinctCycleName("2027-Q1", ["2027-Q1", "2027-Q1 #2"])).toBe("2027-Q1 #3");
  });
});
