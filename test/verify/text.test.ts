// Text out of HTML fragments and the disclosure check.
import { describe, expect, it } from "vitest";
import { decodeEntities, hasDisclosure, htmlToText, toResult } from "../../src/verify/text.js";

describe("htmlToText", () => {
  it("given markup, entities and scripts then only the visible text remains", () => {
    expect(htmlToText('Hi <a href="x">@brand</a> &amp; <b>#ad</b><br>line two &#x1F600; &#233;<script>alert("#ad")</script>')).toBe("Hi @brand & #ad\nline two 😀 é");
  });
  it("given unknown or invalid entities then they are left as they are", () => {
    expect(decodeEntities("&bogus; &#0; &#x110000;")).toBe("&bogus; &#0; &#x110000;");
  });
});

describe("hasDisclosure", () => {
  it.each([
    ["Great day #ad", "#ad", true],
    ["Great day #adidas", "#ad", false],
    ["Great day @brandpartner", "@brandpartner", true],
    ["Paid  partnership with Brand", "Paid partnership", true],
    ["Unpaid partnership", "Paid partnership", false],
    ["anything", "  ", false],
  ])("given %j and disclosure %j then %s", (text, disclosure, expected) => expect(hasDisclosure(text, disclosure)).toBe(expected));
});

describe("toResult", () => {
  it("given no text seen then nothing is found and everything required is missing", () => {
    const r = toResult({ network: "instagram", source: "none", exists: "unknown", confidence: "low", notes: [] }, { hashtags: ["x"], mentions: ["y"], disclosure: "#ad" });
    expect(r).toMatchObject({ hashtagsFound: [], hashtagsMissing: ["#x"], mentionsMissing: ["@y"], disclosurePresent: false });
    expect("textSeen" in r).toBe(false);
  });
});
