// Post links in the shapes people really paste (apps' share buttons, mobile sites, tracking
// params) → one canonical URL per post; everything else is a user-facing error id.
import { describe, expect, it } from "vitest";
import { NETWORKS, parsePostUrl, type ParsedPost } from "../../src/domain/links.js";

const post = (input: string): ParsedPost => {
  const r = parsePostUrl(input);
  if (!r.ok) throw new Error(`expected a post for ${input}, got ${r.error}`);
  return r.value;
};

describe("parsePostUrl", () => {
  it("given the networks list then it names the seven supported networks", () => {
    expect([...NETWORKS].sort()).toEqual(["facebook", "instagram", "linkedin", "tiktok", "twitch", "x", "youtube"]);
  });

  describe("YouTube", () => {
    const canonical = "https://www.youtube.com/watch?v=dQw4w9WgXcQ";
    it.each([
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://youtube.com/watch?v=dQw4w9WgXcQ&feature=share&si=abcDEF123",
      "http://m.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ&t=42s#comments",
      "https://youtu.be/dQw4w9WgXcQ?si=Xy12Zz",
      "https://www.youtube.com/shorts/dQw4w9WgXcQ?feature=share",
      "https://youtube.com/live/dQw4w9WgXcQ",
      "https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1",
      "https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RDAMVM",
      "https://WWW.YouTube.COM/watch?v=dQw4w9WgXcQ",
      "youtu.be/dQw4w9WgXcQ",
      "  https://youtu.be/dQw4w9WgXcQ  ",
    ])("given %s then it is the canonical watch URL", (input) => {
      expect(post(input)).toEqual({ network: "youtube", canonicalUrl: canonical, postId: "dQw4w9WgXcQ" });
    });
    it.each([
      "https://www.youtube.com/@somechannel",
      "https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw",
      "https://www.youtube.com/watch?v=short",
      "https://www.youtube.com/playlist?list=PL123",
      "https://youtu.be/",
    ])("given %s then it is not a post", (input) => {
      expect(parsePostUrl(input)).toEqual({ ok: false, error: "link.not_a_post", params: { network: "youtube" } });
    });
  });

  describe("X / Twitter", () => {
    it.each([
      "https://x.com/Advo_Brand/status/1790000000000000001",
      "https://twitter.com/Advo_Brand/status/1790000000000000001?s=20&t=abc",
      "https://mobile.twitter.com/advo_brand/status/1790000000000000001",
      "https://www.x.com/ADVO_BRAND/status/1790000000000000001/photo/1",
      "https://twitter.com/advo_brand/statuses/1790000000000000001",
    ])("given %s then the author and id are kept on x.com", (input) => {
      expect(post(input)).toEqual({
        network: "x",
        canonicalUrl: "https://x.com/advo_brand/status/1790000000000000001",
        postId: "1790000000000000001",
        authorHandle: "advo_brand",
      });
    });
    it("given an /i/web/status link then there is no author", () => {
      expect(post("https://x.com/i/web/status/1790000000000000001")).toEqual({
        network: "x", canonicalUrl: "https://x.com/i/web/status/1790000000000000001", postId: "1790000000000000001",
      });
    });
    it.each(["https://x.com/advo_brand", "https://x.com/advo_brand/status/notanumber", "https://twitter.com/home"])(
      "given %s then it is not a post",
      (input) => expect(parsePostUrl(input)).toMatchObject({ ok: false, error: "link.not_a_post" }),
    );
  });

  describe("TikTok", () => {
    it.each([
      "https://www.tiktok.com/@Maria.Fit/video/7301234567890123456",
      "https://tiktok.com/@maria.fit/video/7301234567890123456?is_from_webapp=1&sender_device=pc&_r=1",
      "https://m.tiktok.com/@maria.fit/video/7301234567890123456#x",
    ])("given %s then author and video id", (input) => {
      expect(post(input)).toEqual({
        network: "tiktok",
        canonicalUrl: "https://www.tiktok.com/@maria.fit/video/7301234567890123456",
        postId: "7301234567890123456",
        authorHandle: "maria.fit",
      });
    });
    it("given a photo post then it keeps the photo shape", () => {
      expect(post("https://www.tiktok.com/@maria.fit/photo/7301234567890123457").canonicalUrl).toBe(
        "https://www.tiktok.com/@maria.fit/photo/7301234567890123457",
      );
    });
    it.each(["https://vm.tiktok.com/ZMabc123/", "https://vt.tiktok.com/ZMabc123", "https://www.tiktok.com/t/ZMabc123/"])(
      "given the short link %s then it is one canonical short link without author",
      (input) => {
        expect(post(input)).toEqual({ network: "tiktok", canonicalUrl: "https://vm.tiktok.com/ZMabc123/", postId: "short:ZMabc123" });
      },
    );
    it("given a profile link then it is not a post", () => {
      expect(parsePostUrl("https://www.tiktok.com/@maria.fit")).toMatchObject({ ok: false, error: "link.not_a_post" });
    });
  });

  describe("Instagram", () => {
    it.each([
      "https://www.instagram.com/p/C1a2B3c4D5e/",
      "https://instagram.com/p/C1a2B3c4D5e?igsh=MWQ1ZGUxMzBkMA==",
      "https://www.instagram.com/reel/C1a2B3c4D5e/?utm_source=ig_web_copy_link",
      "https://www.instagram.com/reels/C1a2B3c4D5e/",
      "https://www.instagram.com/tv/C1a2B3c4D5e",
      "https://instagr.am/p/C1a2B3c4D5e/",
    ])("given %s then one canonical /p/ URL (code case kept)", (input) => {
      expect(post(input)).toEqual({ network: "instagram", canonicalUrl: "https://www.instagram.com/p/C1a2B3c4D5e/", postId: "C1a2B3c4D5e" });
    });
    it("given the /<user>/p/<code> shape then the author is kept", () => {
      expect(post("https://www.instagram.com/Maria.Fit/p/C1a2B3c4D5e/?img_index=1")).toEqual({
        network: "instagram", canonicalUrl: "https://www.instagram.com/p/C1a2B3c4D5e/", postId: "C1a2B3c4D5e", authorHandle: "maria.fit",
      });
    });
    it.each(["https://www.instagram.com/maria.fit/", "https://www.instagram.com/stories/maria.fit/3301234567890/", "https://www.instagram.com/explore/"])(
      "given %s then it is not a post",
      (input) => expect(parsePostUrl(input)).toMatchObject({ ok: false, error: "link.not_a_post" }),
    );
  });

  describe("Facebook", () => {
    it.each([
      ["https://www.facebook.com/AdvoBrand/posts/pfbid02abcDEF123ghiJKL456?__cft__[0]=x", "https://www.facebook.com/advobrand/posts/pfbid02abcDEF123ghiJKL456", "advobrand"],
      ["https://m.facebook.com/advobrand/posts/1234567890123456/", "https://www.facebook.com/advobrand/posts/1234567890123456", "advobrand"],
      ["https://www.facebook.com/Advo.Brand/posts/1234567890123456", "https://www.facebook.com/advobrand/posts/1234567890123456", "advobrand"],
      ["https://web.facebook.com/advobrand/videos/987654321098765/", "https://www.facebook.com/advobrand/videos/987654321098765", "advobrand"],
      ["https://www.facebook.com/advobrand/videos/summer-launch/987654321098765/", "https://www.facebook.com/advobrand/videos/987654321098765", "advobrand"],
      ["https://www.facebook.com/advobrand/photos/a.111111111/222222222/?type=3", "https://www.facebook.com/advobrand/photos/222222222", "advobrand"],
    ])("given %s then %s by %s", (input, canonical, author) => {
      expect(post(input)).toMatchObject({ network: "facebook", canonicalUrl: canonical, authorHandle: author });
    });
    it.each([
      ["https://www.facebook.com/reel/1122334455667788?fs=e&s=TIeQ9V", "https://www.facebook.com/reel/1122334455667788"],
      ["https://www.facebook.com/watch/?v=1122334455667788&ref=sharing", "https://www.facebook.com/watch/?v=1122334455667788"],
      ["https://www.facebook.com/watch?v=1122334455667788", "https://www.facebook.com/watch/?v=1122334455667788"],
      ["https://www.facebook.com/permalink.php?story_fbid=pfbid0abcdefghijk123&id=100012345678901&mibextid=x", "https://www.facebook.com/permalink.php?story_fbid=pfbid0abcdefghijk123&id=100012345678901"],
      ["https://m.facebook.com/story.php?story_fbid=445566778899&id=100012345678901", "https://www.facebook.com/permalink.php?story_fbid=445566778899&id=100012345678901"],
      ["https://www.facebook.com/share/p/1AbCdEfGhI/?mibextid=WC7FNe", "https://www.facebook.com/share/p/1AbCdEfGhI/"],
      ["https://www.facebook.com/share/r/1AbCdEfGhI/", "https://www.facebook.com/share/r/1AbCdEfGhI/"],
      ["https://fb.watch/nK3aB_cD9e/", "https://fb.watch/nK3aB_cD9e/"],
      ["https://www.facebook.com/photo/?fbid=3344556677&set=a.1", "https://www.facebook.com/photo/?fbid=3344556677"],
      ["https://www.facebook.com/groups/runners.club/posts/5566778899/", "https://www.facebook.com/groups/runners.club/posts/5566778899"],
      ["https://www.facebook.com/100064123456789/posts/pfbid02abcDEF123ghiJKL456", "https://www.facebook.com/100064123456789/posts/pfbid02abcDEF123ghiJKL456"],
      ["https://www.facebook.com/Advo-Brand-123456789/videos/987654321098765/", "https://www.facebook.com/advo-brand-123456789/videos/987654321098765"],
    ])("given %s then %s without author", (input, canonical) => {
      const p = post(input);
      expect(p.canonicalUrl).toBe(canonical);
      expect(p.authorHandle).toBeUndefined();
    });
    it.each(["https://www.facebook.com/advobrand", "https://www.facebook.com/profile.php?id=100012345678901", "https://www.facebook.com/watch/"])(
      "given %s then it is not a post",
      (input) => expect(parsePostUrl(input)).toMatchObject({ ok: false, error: "link.not_a_post" }),
    );
  });

  describe("Twitch", () => {
    it("given a VOD link then the canonical video URL", () => {
      expect(post("https://www.twitch.tv/videos/2012345678?t=1h2m3s&filter=archives")).toEqual({
        network: "twitch", canonicalUrl: "https://www.twitch.tv/videos/2012345678", postId: "2012345678",
      });
    });
    it.each([
      ["https://www.twitch.tv/StreamerOne/clip/FunnyClipSlug-AbC123_x?filter=clips", "streamerone"],
      ["https://m.twitch.tv/streamerone/clip/FunnyClipSlug-AbC123_x", "streamerone"],
      ["https://clips.twitch.tv/FunnyClipSlug-AbC123_x", undefined],
    ])("given the clip %s then one canonical clip URL (author %s)", (input, author) => {
      const p = post(input);
      expect(p.canonicalUrl).toBe("https://clips.twitch.tv/FunnyClipSlug-AbC123_x");
      expect(p.postId).toBe("clip:FunnyClipSlug-AbC123_x");
      expect(p.authorHandle).toBe(author);
    });
    it("given a channel link then it is not a post", () => {
      expect(parsePostUrl("https://www.twitch.tv/streamerone")).toMatchObject({ ok: false, error: "link.not_a_post" });
    });
  });

  describe("LinkedIn", () => {
    it("given a /posts/ link then author and activity id", () => {
      expect(post("https://www.linkedin.com/posts/jane-doe-12ab34_summer-launch-ad-activity-7123456789012345678-AbCd?utm_source=share&utm_medium=member_desktop")).toEqual({
        network: "linkedin",
        canonicalUrl: "https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/",
        postId: "7123456789012345678",
        authorHandle: "jane-doe-12ab34",
      });
    });
    it.each([
      ["https://www.linkedin.com/feed/update/urn:li:activity:7123456789012345678/", "7123456789012345678"],
      ["https://linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7123456789012345678?trk=x", "7123456789012345678"],
      ["https://www.linkedin.com/feed/update/urn:li:share:7123456789012345679", "share:7123456789012345679"],
      ["https://www.linkedin.com/feed/update/urn:li:ugcPost:7123456789012345670/", "ugcPost:7123456789012345670"],
    ])("given %s then post id %s", (input, id) => {
      expect(post(input).postId).toBe(id);
    });
    it.each(["https://www.linkedin.com/in/jane-doe/", "https://www.linkedin.com/feed/", "https://www.linkedin.com/feed/update/urn:li:activity:%E0%A4%A/"])(
      "given %s then it is not a post",
      (input) => expect(parsePostUrl(input)).toMatchObject({ ok: false, error: "link.not_a_post" }),
    );
  });

  describe("invalid input", () => {
    it.each([
      "",
      "   ",
      "not a link",
      "javascript:alert(1)",
      "ftp://youtube.com/watch?v=dQw4w9WgXcQ",
      "file:///etc/passwd",
      "data:text/html,<b>x</b>",
      "https://user:pass@youtube.com/watch?v=dQw4w9WgXcQ",
      "https://localhost/watch?v=dQw4w9WgXcQ",
      "https://youtube.com/watch?v=dQw4w9WgXcQ and more",
      `https://youtu.be/${"a".repeat(3000)}`,
    ])("given %j then link.invalid_url", (input) => {
      expect(parsePostUrl(input)).toEqual({ ok: false, error: "link.invalid_url" });
    });
    it.each([
      ["https://vimeo.com/123456", "vimeo.com"],
      ["https://www.threads.net/@someone/post/C1a2B3", "threads.net"],
      ["https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", "youtube.com.evil.example"],
      ["https://notyoutube.com/watch?v=dQw4w9WgXcQ", "notyoutube.com"],
      ["http://127.0.0.1/watch?v=dQw4w9WgXcQ", "127.0.0.1"],
    ])("given %s then link.unsupported_network for %s", (input, host) => {
      expect(parsePostUrl(input)).toEqual({ ok: false, error: "link.unsupported_network", params: { host } });
    });
  });
});
