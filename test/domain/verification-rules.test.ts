// The decision rules and the tag matching they rely on.
import { describe, expect, it } from "vitest";
import { containsTag, matchTags, normalizeTag } from "../../src/domain/tags.js";
import { decideVerification, type VerificationResult } from "../../src/domain/verification-rules.js";

describe("tag matching", () => {
  it.each([
    ["Loving it #ad", "#ad"],
    ["#AD loving it", "#ad"],
    ["Loving it (#ad)", "#ad"],
    ["Loving it #ad.", "#ad"],
    ["Loving it #ad, really", "#ad"],
    ["Loving it\n#ad", "#ad"],
    ["Loving it #Ad #brand", "ad"],
    ["Summer with #BrandSummer!", "#brandsummer"],
    ["Café #crème", "#CRÈME"],
  ])("given %j then the hashtag %s is found", (text, tag) => expect(containsTag(text, "hashtag", tag)).toBe(true));

  it.each([
    ["Wearing #adidas today", "#ad"],
    ["Wearing #ad_free", "#ad"],
    ["Wearing #ad2", "#ad"],
    ["see example.com/#ad", "#ad"],
    ["word#ad", "#ad"],
    ["no tags at all", "#ad"],
    ["#brand#ad", "#ad"],
  ])("given %j then the hashtag %s is NOT found", (text, tag) => expect(containsTag(text, "hashtag", tag)).toBe(false));

  it.each([
    ["Thanks @Brand!", "@brand", true],
    ["Thanks @brand.", "brand", true],
    ["(@brand)", "@brand", true],
    ["Thanks @brand_eu", "@brand", false],
    ["Thanks @brand.eu for this", "@brand", false],
    ["write to me@brand.com", "@brand", false],
    ["Thanks @brandon", "@brand", false],
  ])("given %j then mention %s found: %s", (text, tag, found) => expect(containsTag(text, "mention", tag)).toBe(found));

  it("given required tags in any spelling then found and missing are normalised and de-duplicated", () => {
    expect(normalizeTag("hashtag", " ##Summer ")).toBe("#summer");
    expect(matchTags("Hello #Summer and #ad", "hashtag", ["summer", "#SUMMER", "#brand"])).toEqual({ found: ["#summer"], missing: ["#brand"] });
  });
});

const base: VerificationResult = {
  network: "tiktok", source: "oembed", exists: "yes", authorSeen: "maria.fit", textSeen: "Summer #ad #brandsummer @brand",
  hashtagsFound: ["#brandsummer"], hashtagsMissing: [], mentionsFound: ["@brand"], mentionsMissing: [], disclosurePresent: true,
  confidence: "high", notes: [],
};
const handles = [{ network: "tiktok", handle: "maria.fit" }, { network: "instagram", handle: "other" }];

describe("decideVerification", () => {
  it("given an existing post by a registered handle with every tag then verified", () => {
    expect(decideVerification(base, handles)).toEqual({ decision: "verified", reasons: [] });
  });

  it("given a registered handle stored with @ and capitals then it still matches", () => {
    expect(decideVerification(base, [{ network: "tiktok", handle: "@Maria.Fit" }]).decision).toBe("verified");
  });

  it("given a post that does not exist then rejected with not_found, whatever else", () => {
    expect(decideVerification({ ...base, exists: "no", authorSeen: undefined }, handles)).toEqual({ decision: "rejected", reasons: [{ id: "verify.reason.not_found" }] });
  });

  it("given another author then needs_review naming the author", () => {
    expect(decideVerification({ ...base, authorSeen: "someone_else" }, handles)).toEqual({
      decision: "needs_review", reasons: [{ id: "verify.reason.author_mismatch", params: { author: "someone_else" } }],
    });
  });

  it("given the handle registered on another network only then needs_review", () => {
    expect(decideVerification({ ...base, authorSeen: "other" }, handles).decision).toBe("needs_review");
  });

  it("given missing hashtags, mentions and disclosure then needs_review with each reason", () => {
    const r = decideVerification({ ...base, hashtagsMissing: ["#brandsummer", "#x"], mentionsMissing: ["@brand"], disclosurePresent: false }, handles);
    expect(r).toEqual({
      decision: "needs_review",
      reasons: [
        { id: "verify.reason.missing_hashtags", params: { tags: "#brandsummer #x" } },
        { id: "verify.reason.missing_mentions", params: { tags: "@brand" } },
        { id: "verify.reason.missing_disclosure" },
      ],
    });
  });

  it("given no visible data (private, login wall) then needs_review, never rejected", () => {
    const hidden: VerificationResult = { ...base, source: "none", exists: "unknown", authorSeen: undefined, textSeen: undefined, disclosurePresent: false, hashtagsFound: [], mentionsFound: [] };
    expect(decideVerification(hidden, handles)).toEqual({
      decision: "needs_review",
      reasons: [{ id: "verify.reason.not_public" }, { id: "verify.reason.author_unknown" }, { id: "verify.reason.text_unknown" }],
    });
  });
});
