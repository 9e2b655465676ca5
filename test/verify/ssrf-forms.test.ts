// OWASP SSRF cheat-sheet address forms against the safe fetcher and a real local HTTP server:
// each form is refused as a literal, as a DNS name resolving to it, and as a redirect target —
// and the server behind the refused address never sees a request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.js";
import { addressRange } from "../../src/verify/address-policy.js";
import { advoUserAgent, createSafeFetcher, type SafeFetcher, type SafeFetchOptions } from "../../src/verify/safe-fetch.js";
import { FakePostPages } from "../fakes/post-pages.js";
import { fakeDns } from "../helpers/fake-dns.js";

const fake = new FakePostPages();
let port = 0;
const open: SafeFetcher[] = [];

beforeAll(async () => {
  await fake.start();
  port = Number(new URL(fake.base).port);
});
afterAll(() => fake.stop());
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
  fake.requests.length = 0;
});

function fetcher(overrides: Partial<SafeFetchOptions> = {}): SafeFetcher {
  const f = createSafeFetcher({ timeoutMs: 5000, maxBytes: 50_000, userAgent: advoUserAgent("https://advo.example"), log: silentLogger, ...overrides });
  open.push(f);
  return f;
}

// Host parts of URLs that all mean an internal address (loopback, "this host", metadata, private).
const LITERAL_HOSTS = [
  "2130706433", "0177.0.0.1", "0x7f.1", "127.1", "0x7f000001", "017700000001", "127.0.0.1.", "0.0.0.0", "0", "0x0",
  "169.254.169.254.", "0xa9fea9fe", "0251.0376.0251.0376", "10.1", "[::]", "[::1]", "[::7f00:1]", "[::127.0.0.1]", "[::a9fe:a9fe]",
  "[::a00:1]", "[::ffff:a9fe:a9fe]", "[0:0:0:0:0:ffff:127.0.0.1]", "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::]", "[2001:0:a9fe:a9fe::1]",
];

// Addresses a DNS name may resolve to; each must be refused at connect time.
const RESOLVED = ["127.0.0.1", "0.0.0.0", "169.254.169.254", "10.0.0.1", "::", "::1", "::7f00:1", "::a9fe:a9fe", "::a00:1", "::ffff:127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::1"];

describe("SSRF forms", () => {
  it.each(LITERAL_HOSTS)("given the literal host %s then it is refused before any DNS lookup or connection", async (host) => {
    const dns = fakeDns({});
    const res = await fetcher({ resolve: dns }).get(`http://${host}:${port}/page/x`);
    expect(res).toMatchObject({ ok: false, code: "fetch.forbidden_address" });
    expect(dns.asked).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it.each(RESOLVED)("given a name (with and without a trailing dot) resolving to %s then it is refused at connect time", async (address) => {
    for (const host of ["inside.evil.test", "inside.evil.test."]) {
      const dns = fakeDns({ [host]: [address] });
      const res = await fetcher({ resolve: dns }).get(`http://${host}:${port}/page/x`);
      expect(res).toMatchObject({ ok: false, code: "fetch.forbidden_address" });
      expect((res as { detail: string }).detail).toContain(addressRange(address));
      expect(dns.asked).toEqual([host]);
    }
    expect(fake.requests).toEqual([]);
  });

  it.each([
    ...LITERAL_HOSTS.map((h) => [h, `http://${h}:PORT/page/x`]),
    ...RESOLVED.map((a) => [`a name resolving to ${a}`, `http://to-${a.replace(/[:.]/g, "-")}.evil.test.:PORT/page/x`]),
  ])("given the allow-listed fake redirecting to %s then that hop is refused", async (_what, target) => {
    const to = target.replace("PORT", String(port));
    // The start host is allow-listed by NAME (it resolves to the fake on loopback), so the literal
    // 127.0.0.1 forms are not: every target must be judged by the policy.
    const table = { "fake.test": ["127.0.0.1"], ...Object.fromEntries(RESOLVED.map((a) => [`to-${a.replace(/[:.]/g, "-")}.evil.test.`, [a]])) };
    const res = await fetcher({ allowHosts: ["fake.test"], resolve: fakeDns(table) }).get(`http://fake.test:${port}/redirect?to=${encodeURIComponent(to)}`);
    expect(res).toMatchObject({ ok: false, code: "fetch.forbidden_address" });
    // Only the first hop reached the server; the refused target (the same server) saw nothing.
    expect(fake.requests.map((r) => r.path)).toEqual([`/redirect?to=${encodeURIComponent(to)}`]);
  });

  it("given a name resolving to a public address then the policy lets it through to the connection (control)", async () => {
    // The name is allowed by the policy; the connection then fails or times out, but not as forbidden.
    const res = await fetcher({ timeoutMs: 300, resolve: fakeDns({ "public.test": ["203.0.114.1"] }) }).get("http://public.test:9/");
    expect(res.ok).toBe(false);
    expect((res as { code: string }).code).not.toBe("fetch.forbidden_address");
  });
});
