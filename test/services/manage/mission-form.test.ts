import { describe, expect, it } from "vitest";
import { emptyMissionFormValues, missionFormValues, missionData, parseMissionForm } from "../../../src/domain/mission-form.js";

const ctx = { disclosureTag: "#ad", now: new Date("2026-01-05T09:00:00Z") };

describe("mission form (pure)", () => {
  it("given form strings or file values then both parse to the same mission", () => {
    const fromForm = parseMissionForm({ title: " Launch ", brief: "B", dos: "One\nTwo", hashtags: "ad, spring", mentions: "brand", networks: "Instagram", points: "10", startsAt: "2026-02-01", deadline: "2026-02-28", cap: "" }, ctx);
    const fromFile = parseMissionForm({ title: "Launch", brief: "B", dos: ["One", "Two"], hashtags: ["#ad", "#spring"], mentions: ["@brand"], networks: ["instagram"], points: 10, startsAt: "2026-02-01", deadline: "2026-02-28" }, ctx);
    expect(fromForm).toEqual(fromFile);
    if (!fromForm.ok) throw new Error("invalid");
    expect(fromForm.value.startsAt?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    expect(fromForm.value.deadline.toISOString()).toBe("2026-02-28T23:59:59.000Z");
    expect(missionData(fromForm.value)).toMatchObject({ hashtags: ["#ad", "#spring"], mentions: ["@brand"], cap: null, segment: { regions: [], interests: [], networks: [], tags: [] } });
  });

  it("given nothing then every required field is named; the blank form pre-fills the disclosure tag", () => {
    const r = parseMissionForm({}, ctx);
    expect(!r.ok && r.errors.map((e) => `${e.field}:${e.messageId}`)).toEqual([
      "title:manage.form.required", "brief:manage.form.required", "networks:manage.form.networks_required", "points:manage.form.number", "deadline:manage.form.date",
    ]);
    expect(emptyMissionFormValues("#ad").hashtags).toBe("#ad");
  });

  it("given a start after the deadline or bad hashtags then the field says why", () => {
    const base = { title: "T", brief: "B", hashtags: "#ad", networks: "x", points: "5" };
    expect(parseMissionForm({ ...base, startsAt: "2026-03-01", deadline: "2026-02-01" }, ctx)).toEqual({ ok: false, errors: [{ field: "deadline", messageId: "manage.form.deadline_before_start" }] });
    expect(parseMissionForm({ ...base, hashtags: "#ad, #bad tag", deadline: "2026-02-01" }, ctx)).toEqual({ ok: false, errors: [{ field: "hashtags", messageId: "manage.form.hashtag" }] });
  });

  it("given a stored mission then its form values round-trip through the parser", () => {
    const parsed = parseMissionForm({ title: "T", brief: "B", hashtags: "#ad", networks: "x, tiktok", points: "5", deadline: "2026-02-01T10:00:00Z", regions: "FR", tags: "vip" }, ctx);
    if (!parsed.ok) throw new Error("invalid");
    const values = missionFormValues({ ...missionData(parsed.value) });
    expect(parseMissionForm(values, ctx)).toEqual(parsed);
  });
});
