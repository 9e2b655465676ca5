// Pure tracking rules: previews, destination URLs (click id, UTM, no foreign targets), money in minor units.
import { describe, expect, it } from "vitest";
import { currencyExponent, destinationTemplate, destinationUrl, isPreviewRequest, isValidLandingUrl, missionSlug, toMinorUnits } from "../../src/domain/tracking.js";

describe("tracking rules", () => {
  it("given crawler agents, HEAD or prefetch then the request is a preview; a browser is not", () => {
    for (const ua of ["Slackbot-LinkExpanding", "TelegramBot", "Discordbot/2.0", "facebookexternalhit/1.1", "Twitterbot/1.0", "WhatsApp/2", "LinkedInBot/1.0", "Googlebot/2.1", "bingbot/2.0"]) {
      expect(isPreviewRequest({ method: "GET", userAgent: `Mozilla/5.0 (compatible; ${ua.toUpperCase()})` })).toBe(true);
    }
    expect(isPreviewRequest({ method: "HEAD", userAgent: "Mozilla/5.0" })).toBe(true);
    expect(isPreviewRequest({ method: "GET", secPurpose: "prefetch;prerender" })).toBe(true);
    expect(isPreviewRequest({ method: "GET", purpose: "prefetch" })).toBe(true);
    expect(isPreviewRequest({ method: "GET", userAgent: "Mozilla/5.0 (iPhone) Safari/605", purpose: "" })).toBe(false);
  });

  it("given a landing URL then the click id replaces one already there and UTM tags fill only what the manager left out", () => {
    const url = destinationUrl({ landingUrl: "https://shop.example/a?advo_click=x&utm_medium=email&q=1#f", clickParam: "advo_click", clickId: "abc", campaign: "c-1", content: "ixyz" });
    const u = new URL(url!);
    expect(u.searchParams.getAll("advo_click")).toEqual(["abc"]);
    expect(u.searchParams.get("utm_medium")).toBe("email");
    expect(u.searchParams.get("utm_source")).toBe("advo");
    expect(u.searchParams.get("q")).toBe("1");
    expect(u.hash).toBe("#f");
    expect(destinationUrl({ landingUrl: "javascript:alert(1)", clickParam: "advo_click", clickId: null, campaign: "c", content: "p" })).toBeNull();
    expect(isValidLandingUrl("http://shop.example")).toBe(false);
    expect(isValidLandingUrl(`https://shop.example/${"a".repeat(2000)}`)).toBe(false);
    expect(isValidLandingUrl("https://user:pw@shop.example")).toBe(false);
    expect(missionSlug({ id: 7, title: "¡Verano Ñandú 2026!" })).toBe("verano-nandu-2026-7");
  });

  it("given a link's destination built once then each click's URL is exactly the one built in full, also with a fragment or the stand-in in the URL", () => {
    const landings = [
      "https://shop.example/a?advo_click=x&utm_medium=email&q=1#f",
      "https://shop.example/p?x=1",
      "http://shop.example/",
      "https://shop.example/zQ7xAdvoClickIdStandIn9kW?q=zQ7xAdvoClickIdStandIn9kW#zQ7xAdvoClickIdStandIn9kW",
      "https://shop.example/ü?a=b c#frag?advo_click=1",
    ];
    for (const landingUrl of landings) {
      const d = { landingUrl, clickParam: "advo_click", campaign: "summer-drop-7", content: "iabc1234" };
      const template = destinationTemplate(d)!;
      expect(template.preview).toBe(destinationUrl({ ...d, clickId: null }));
      for (const clickId of ["Ab-_09xyzXYZ-_Ab09xyzQ", "zQ7xAdvoClickIdStandIn9kW", "a b&c"]) expect(template.withClick(clickId)).toBe(destinationUrl({ ...d, clickId }));
    }
    expect(destinationTemplate({ landingUrl: "javascript:alert(1)", clickParam: "advo_click", campaign: "c", content: "p" })).toBeNull();
  });

  it("given amounts then they become integer minor units by the ISO 4217 exponent, refusing what does not fit", () => {
    expect([currencyExponent("JPY"), currencyExponent("eur"), currencyExponent("KWD"), currencyExponent("XYZ")]).toEqual([0, 2, 3, null]);
    expect(toMinorUnits("49.9", "EUR")).toBe(4990);
    expect(toMinorUnits(49.9, "EUR")).toBe(4990);
    expect(toMinorUnits("0.1", "EUR")).toBe(10);
    expect(toMinorUnits("1500", "JPY")).toBe(1500);
    expect(toMinorUnits("1.5", "JPY")).toBeNull();
    expect(toMinorUnits("12.345", "KWD")).toBe(12345);
    for (const bad of ["-1", "0", "1e3", "abc", "", "12.345"]) expect(toMinorUnits(bad, "EUR")).toBeNull();
  });
});
