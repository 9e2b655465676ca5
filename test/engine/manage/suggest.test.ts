// The closest sub-command for a typo, and none for something that is not near any.
import { describe, expect, it } from "vitest";
import { closestSubcommand, editDistance } from "../../../src/engine/manage/suggest.js";

const KNOWN = ["mission new", "mission edit", "review", "redemptions", "broadcast", "stats", "mission list", "invite create", "points adjust", "cycle close", "help"];

describe("closest /advo sub-command", () => {
  it("given edit distances then insertions, deletions and substitutions each count one", () => {
    expect(editDistance("review", "review")).toBe(0);
    expect(editDistance("reveiw", "review")).toBe(2);
    expect(editDistance("stat", "stats")).toBe(1);
    expect(editDistance("", "help")).toBe(4);
  });

  it("given typos then the nearest sub-command is suggested, with as many words as it has", () => {
    expect(closestSubcommand(["reveiw"], KNOWN)).toBe("review");
    expect(closestSubcommand(["missoin", "list"], KNOWN)).toBe("mission list");
    expect(closestSubcommand(["invte", "create"], KNOWN)).toBe("invite create");
    expect(closestSubcommand(["STAT"], KNOWN)).toBe("stats");
  });

  it("given words near nothing then there is no suggestion", () => {
    expect(closestSubcommand(["zzzzzz"], KNOWN)).toBeUndefined();
    expect(closestSubcommand(["leaderboard"], KNOWN)).toBeUndefined();
    expect(closestSubcommand([], KNOWN)).toBeUndefined();
  });
});
