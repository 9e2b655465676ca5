// The proof rules (issue 13): which files are taken (images and PDF, 10 MiB, five at a time) and
// how the reach a person types is read, in the four languages and their number styles.
import { describe, expect, it } from "vitest";
import { checkProofFiles, parseReportedFigures, PROOF_MAX_BYTES } from "../../src/domain/proofs.js";

const shot = { ref: "f1", kind: "photo" as const, mimeType: "image/jpeg", sizeBytes: 200_000 };

describe("proof files", () => {
  it("given screenshots and a PDF within the limits then they are taken", () => {
    expect(checkProofFiles([shot, { ref: "f2", kind: "document", mimeType: "application/pdf", sizeBytes: PROOF_MAX_BYTES, fileName: "a.pdf" }]).ok).toBe(true);
  });

  it("given a file over 10 MiB, a video, or six files then each is refused naming the problem", () => {
    expect(checkProofFiles([{ ...shot, sizeBytes: PROOF_MAX_BYTES + 1, fileName: "big.png" }])).toEqual({ ok: false, error: "measure.proof.too_big", params: { name: "big.png", max: 10 } });
    expect(checkProofFiles([{ ref: "v", kind: "document", mimeType: "video/mp4", fileName: "story.mp4" }])).toEqual({ ok: false, error: "measure.proof.wrong_type", params: { name: "story.mp4" } });
    expect(checkProofFiles(Array.from({ length: 6 }, () => shot))).toMatchObject({ ok: false, error: "measure.proof.too_many" });
  });
});

describe("reported figures", () => {
  it.each([
    ["12,400 views", { views: 12_400 }],
    ["12.400 visualizaciones", { views: 12_400 }],
    ["Vues : 12 400", { views: 12_400 }],
    ["12\u202f400 vues · 310 j’aime · 12 commentaires", { views: 12_400, likes: 310, comments: 12 }],
    ["reach 5.2k", { views: 5_200 }],
    ["1,2M", { views: 1_200_000 }],
    ["views 1200 likes 80 comments 5", { views: 1_200, likes: 80, comments: 5 }],
    ["1,200 views · 80 likes", { views: 1_200, likes: 80 }],
    ["Story for Estate: 8400 visualizzazioni, 95 mi piace", { views: 8_400, likes: 95 }],
    ["4500", { views: 4_500 }],
  ])("given %j then the figures are read", (text, figures) => {
    expect(parseReportedFigures(text)).toEqual({ kind: "figures", figures });
  });

  it("given no number then none; given a fraction, a number too large, or two unlabelled numbers then invalid", () => {
    expect(parseReportedFigures("here is my story")).toEqual({ kind: "none" });
    expect(parseReportedFigures("1.5 views")).toEqual({ kind: "invalid" });
    expect(parseReportedFigures("99999999999 views")).toEqual({ kind: "invalid" });
    expect(parseReportedFigures("300 400")).toEqual({ kind: "figures", figures: { views: 300_400 } }); // grouped by a space, as French writes it
    expect(parseReportedFigures("day 2, 4000")).toEqual({ kind: "invalid" });
    expect(parseReportedFigures("80 likes")).toEqual({ kind: "invalid" });
  });
});
