// Pure rules of tiers and badges: the standing for a number of points, the multiplier, the
// program schema's refusals, and the weekly streak.
import { describe, expect, it } from "vitest";
import { DEFAULT_TIER_PROGRAM, announceableTier, multipliedPoints, tierProgramSchema, tierStanding } from "../../src/domain/tiers.js";
import { badgesEarned, longestWeeklyStreak } from "../../src/domain/badges.js";

const tiers = DEFAULT_TIER_PROGRAM.tiers;
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("tiers", () => {
  it("given points then the standing is the highest tier reached and what the next one needs", () => {
    expect(tierStanding(0, tiers)).toMatchObject({ current: { key: "bronze" }, next: { key: "silver" }, toNext: 500 });
    expect(tierStanding(499, tiers)).toMatchObject({ current: { key: "bronze" }, toNext: 1 });
    expect(tierStanding(500, tiers)).toMatchObject({ current: { key: "silver" }, next: { key: "gold" }, toNext: 1000 });
    expect(tierStanding(9000, tiers)).toMatchObject({ current: { key: "gold" }, next: null, toNext: 0 });
  });

  it("given a program whose lowest tier needs points then a newcomer has no tier yet, and the start tier is never announced", () => {
    const p = tierProgramSchema.parse({ tiers: [{ key: "vip", names: { en: "VIP" }, threshold: 100 }] });
    expect(tierStanding(40, p.tiers)).toMatchObject({ current: null, next: { key: "vip" }, toNext: 60 });
    expect(announceableTier(tierStanding(0, tiers))).toBeNull();
    expect(announceableTier(tierStanding(600, tiers))?.key).toBe("silver");
  });

  it("given a multiplier then mission points grow by it, rounded, never below the base", () => {
    expect(multipliedPoints(50, null)).toBe(50);
    expect(multipliedPoints(50, { ...tiers[2]!, multiplierPercent: 150 })).toBe(75);
    expect(multipliedPoints(33, { ...tiers[2]!, multiplierPercent: 110 })).toBe(36);
  });

  it("given tiers out of order then the schema sorts them; duplicates and bad keys are refused with a path", () => {
    const sorted = tierProgramSchema.parse({ tiers: [{ key: "b", names: { en: "B" }, threshold: 10 }, { key: "a", names: { en: "A" }, threshold: 0 }] });
    expect(sorted.tiers.map((t) => t.key)).toEqual(["a", "b"]);
    const dup = tierProgramSchema.safeParse({ tiers: [{ key: "a", names: { en: "A" }, threshold: 0 }, { key: "a", names: { en: "A2" }, threshold: 5 }] });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0]?.path).toEqual(["tiers", 1, "key"]);
    const same = tierProgramSchema.safeParse({ tiers: [{ key: "a", names: { en: "A" }, threshold: 5 }, { key: "b", names: { en: "B" }, threshold: 5 }] });
    expect(same.success).toBe(false);
    expect(tierProgramSchema.safeParse({ tiers: [{ key: "Has space", names: { en: "x" }, threshold: 0 }] }).success).toBe(false);
    expect(tierProgramSchema.safeParse({ tiers: [{ key: "x", names: {}, threshold: 0 }] }).success).toBe(false);
  });
});

describe("badges", () => {
  it("given approvals in weeks 1, 2 and 4 then the longest streak is 2; adding week 3 makes it 4", () => {
    // 2026-01-05 is a Monday.
    const weeks = [day("2026-01-05"), day("2026-01-11"), day("2026-01-13"), day("2026-01-27")];
    expect(longestWeeklyStreak(weeks)).toBe(2);
    expect(longestWeeklyStreak([...weeks, day("2026-01-21")])).toBe(4);
    // Sunday and the next Monday are two weeks; two approvals in one week count once.
    expect(longestWeeklyStreak([day("2026-01-11"), day("2026-01-12")])).toBe(2);
    expect(longestWeeklyStreak([day("2026-01-06"), day("2026-01-07")])).toBe(1);
  });

  it("given approvals then the badges follow the milestones", () => {
    expect(badgesEarned([])).toEqual([]);
    expect(badgesEarned([day("2026-01-05")])).toEqual(["first_post"]);
    const five = ["2026-01-05", "2026-01-06", "2026-02-20", "2026-03-20", "2026-04-20"].map(day);
    expect(badgesEarned(five)).toEqual(["first_post", "five_missions"]);
    expect(badgesEarned(["2026-01-05", "2026-01-12", "2026-01-19"].map(day))).toEqual(["first_post", "streak_3_weeks"]);
  });
});
