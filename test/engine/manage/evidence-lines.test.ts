// The review card's evidence in sentences: what the verifier saw, and only that.
import { describe, expect, it } from "vitest";
import { evidenceLines } from "../../../src/engine/manage/evidence-lines.js";

const seen = {
  network: "instagram", source: "oembed", exists: "yes", authorSeen: "ana", hashtagsFound: ["#ad"], hashtagsMissing: ["#spring"],
  mentionsFound: ["@brand"], mentionsMissing: [], disclosurePresent: true, confidence: "high", notes: [] as string[],
};

describe("review card evidence", () => {
  it("given a post the verifier read then it says live, the author seen, tags found and missing and the disclosure, with no JSON", () => {
    const lines = evidenceLines("en", seen);
    expect(lines).toEqual(["Post is live.", "Author seen: @ana", "Tags found: #ad @brand · missing: #spring", "Disclosure: present"]);
    expect(lines.join(" ")).not.toMatch(/[{}"]/);
  });

  it("given a private post then the author is 'not checked' and nothing about tags is claimed", () => {
    expect(evidenceLines("en", { ...seen, source: "none", exists: "unknown", authorSeen: undefined, hashtagsFound: [], hashtagsMissing: [] })).toEqual([
      "Post could not be read (private or blocked).", "Author: not checked — private post",
    ]);
    expect(evidenceLines("fr", { ...seen, exists: "no" })[1]).toBe("Auteur : non vérifié — publication privée");
    expect(evidenceLines("en", { ...seen, source: "none", exists: "unknown", notes: ["caption unreadable"] }).at(-1)).toBe("Notes: caption unreadable");
  });

  it("given no evidence yet or a malformed one then it says not checked yet", () => {
    expect(evidenceLines("en", null)).toEqual(["Not checked yet."]);
    expect(evidenceLines("es", "garbage")).toEqual(["Aún no comprobado."]);
  });
});
