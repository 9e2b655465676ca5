// Handles typed as "@Name", "name" or a profile link → one stored form per network.
import { describe, expect, it } from "vitest";
import { detectNetworkFromProfileUrl, normalizeHandle } from "../../src/domain/handles.js";
import type { Network } from "../../src/domain/links.js";

describe("normalizeHandle", () => {
  it.each<[Network, string, string, string]>([
    ["instagram", "@Maria.Fit", "maria.fit", "https://www.instagram.com/maria.fit/"],
    ["instagram", "https://www.instagram.com/Maria.Fit/?hl=en", "maria.fit", "https://www.instagram.com/maria.fit/"],
    ["instagram", "instagram.com/maria_fit", "maria_fit", "https://www.instagram.com/maria_fit/"],
    ["tiktok", "maria.fit", "maria.fit", "https://www.tiktok.com/@maria.fit"],
    ["tiktok", "https://www.tiktok.com/@Maria.Fit?lang=en", "maria.fit", "https://www.tiktok.com/@maria.fit"],
    ["youtube", "@SomeChannel", "somechannel", "https://www.youtube.com/@somechannel"],
    ["youtube", "https://m.youtube.com/@SomeChannel/videos", "somechannel", "https://www.youtube.com/@somechannel"],
    ["youtube", "https://www.youtube.com/c/LegacyName", "legacyname", "https://www.youtube.com/@legacyname"],
    ["youtube", "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw", "uc_x5xg1ov2p6uzz5fsm9ttw", "https://www.youtube.com/channel/uc_x5xg1ov2p6uzz5fsm9ttw"],
    ["x", "@Advo_Brand", "advo_brand", "https://x.com/advo_brand"],
    ["x", "https://twitter.com/Advo_Brand?ref_src=twsrc", "advo_brand", "https://x.com/advo_brand"],
    ["x", "https://x.com/advo_brand/status/1790000000000000001", "advo_brand", "https://x.com/advo_brand"],
    ["facebook", "advo.brand", "advobrand", "https://www.facebook.com/advobrand"],
    ["facebook", "https://www.facebook.com/Advo.Brand.Official/", "advobrandofficial", "https://www.facebook.com/advobrandofficial"],
    ["facebook", "https://m.facebook.com/profile.php?id=100012345678901", "100012345678901", "https://www.facebook.com/profile.php?id=100012345678901"],
    ["twitch", "@StreamerOne", "streamerone", "https://www.twitch.tv/streamerone"],
    ["twitch", "https://www.twitch.tv/streamerone/videos", "streamerone", "https://www.twitch.tv/streamerone"],
    ["linkedin", "https://www.linkedin.com/in/Jane-Doe-12ab34/", "jane-doe-12ab34", "https://www.linkedin.com/in/jane-doe-12ab34/"],
    ["linkedin", "jane-doe", "jane-doe", "https://www.linkedin.com/in/jane-doe/"],
    ["linkedin", "https://www.linkedin.com/company/advo-brand/", "company/advo-brand", "https://www.linkedin.com/company/advo-brand/"],
  ])("given %s %s then handle %s and profile %s", (network, input, handle, profileUrl) => {
    expect(normalizeHandle(network, input)).toEqual({ ok: true, value: { network, handle, profileUrl } });
  });

  it.each<[Network, string]>([
    ["instagram", "maria..fit"],
    ["instagram", ".maria"],
    ["instagram", "a".repeat(31)],
    ["instagram", "maria fit"],
    ["tiktok", "maria."],
    ["tiktok", "maria-fit"],
    ["youtube", "ab"],
    ["x", "this_is_way_too_long"],
    ["x", "advo-brand"],
    ["x", "home"],
    ["facebook", "abc"],
    ["facebook", "a.b.c.d"],
    ["twitch", "_streamer"],
    ["twitch", "abc"],
    ["linkedin", "jane_doe"],
    ["instagram", "@"],
    ["x", "<script>"],
  ])("given %s %j then handle.invalid", (network, input) => {
    expect(normalizeHandle(network, input)).toEqual({ ok: false, error: "handle.invalid", params: { network } });
  });

  it("given blank input then handle.empty", () => {
    expect(normalizeHandle("x", "   ")).toEqual({ ok: false, error: "handle.empty" });
  });

  it("given another network's profile then handle.wrong_network names both", () => {
    expect(normalizeHandle("instagram", "https://www.tiktok.com/@maria.fit")).toEqual({
      ok: false, error: "handle.wrong_network", params: { network: "instagram", actual: "tiktok" },
    });
  });

  it.each<[Network, string]>([
    ["instagram", "https://www.instagram.com/p/C1a2B3c4D5e/"],
    ["youtube", "https://youtu.be/dQw4w9WgXcQ"],
    ["youtube", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"],
    ["x", "https://x.com/home"],
    ["linkedin", "https://www.linkedin.com/feed/"],
    ["instagram", "https://example.com/maria"],
  ])("given %s %s then handle.not_a_profile", (network, input) => {
    expect(normalizeHandle(network, input)).toEqual({ ok: false, error: "handle.not_a_profile", params: { network } });
  });
});

describe("detectNetworkFromProfileUrl", () => {
  it.each([
    ["https://www.tiktok.com/@maria.fit", "tiktok"],
    ["https://instagram.com/maria.fit/", "instagram"],
    ["https://twitter.com/advo_brand", "x"],
    ["https://www.youtube.com/@somechannel", "youtube"],
    ["https://www.twitch.tv/streamerone", "twitch"],
    ["https://www.linkedin.com/in/jane-doe/", "linkedin"],
    ["https://www.facebook.com/advo.brand", "facebook"],
  ])("given %s then %s", (input, network) => {
    expect(detectNetworkFromProfileUrl(input)).toBe(network);
  });
  it.each(["https://example.com/someone", "https://www.instagram.com/explore/", "nonsense", "https://youtu.be/dQw4w9WgXcQ"])(
    "given %s then no network",
    (input) => expect(detectNetworkFromProfileUrl(input)).toBeUndefined(),
  );
});
