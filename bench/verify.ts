// Verification benchmark: (1) parsePostUrl over 100,000 pasted links of every shape, (2) the
// verifier against a local fake oEmbed server (real HTTP on 127.0.0.1): BENCH_VERIFY_POSTS posts
// (default 2,000) with 16 callers, at per-host limits 2 and 8. The fake answers instantly, so (2)
// is the verifier's own cost (safe fetch, JSON, tag matching, decision); real networks add their
// latency on top, which is what the per-host limit is for.
import { pathToFileURL } from "node:url";
import { testConfig } from "../src/config.js";
import { parsePostUrl } from "../src/domain/links.js";
import { silentLogger } from "../src/logger.js";
import { createVerifier, verifySubmission } from "../src/verify/verifier.js";
import { FakePostPages } from "../test/fakes/post-pages.js";

const SHAPES = [
  (i: number) => `https://youtu.be/${String(i).padStart(11, "a")}?si=abc`,
  (i: number) => `https://twitter.com/user_${i % 999}/status/${1790000000000000000n + BigInt(i)}?s=20`,
  (i: number) => `https://www.tiktok.com/@maria.fit/video/${7300000000000000000n + BigInt(i)}?is_from_webapp=1`,
  (i: number) => `https://www.instagram.com/reel/C${String(i).padStart(10, "x")}/?igsh=abc`,
  (i: number) => `https://m.facebook.com/page${i % 50}.x/posts/${1000000 + i}/`,
  (i: number) => `https://www.linkedin.com/posts/jane-doe_launch-activity-${7100000000000000000n + BigInt(i)}-AbCd`,
  () => "https://example.com/not-supported",
];

function benchParse(): void {
  const inputs = Array.from({ length: 100_000 }, (_, i) => SHAPES[i % SHAPES.length]!(i));
  const start = performance.now();
  let okCount = 0;
  for (const input of inputs) if (parsePostUrl(input).ok) okCount++;
  const ms = performance.now() - start;
  console.log(`parsePostUrl: ${inputs.length} links in ${ms.toFixed(0)} ms (${Math.round(inputs.length / (ms / 1000)).toLocaleString("en")}/s), ${okCount} posts`);
}

async function benchVerify(posts: number, perHost: number): Promise<void> {
  const fake = new FakePostPages();
  await fake.start();
  const config = testConfig({ FETCH_ALLOW_HOSTS: "127.0.0.1", OEMBED_TIKTOK_URL: fake.oembedUrl("tiktok"), LOG_LEVEL: "silent" });
  const verifier = createVerifier(config, silentLogger, { perHostConcurrency: perHost });
  const urls = Array.from({ length: posts }, (_, i) => `https://www.tiktok.com/@maria.fit/video/${7300000000000000000n + BigInt(i)}`);
  for (const [i, url] of urls.entries())
    fake.setOembed("tiktok", url, { title: `Post ${i} with @brand #BrandSummer${i % 10 === 0 ? "" : " #ad"}`, author_unique_id: "maria.fit" });
  const required = { hashtags: ["#BrandSummer"], mentions: ["@brand"], disclosure: "#ad" };
  const handles = [{ network: "tiktok", handle: "maria.fit" }];
  const tally: Record<string, number> = {};
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const v = await verifySubmission({ verifier }, { url, registeredHandles: handles, required });
        tally[v.decision] = (tally[v.decision] ?? 0) + 1;
      }
    }),
  );
  const ms = performance.now() - start;
  console.log(`verifier (per-host limit ${perHost}): ${posts} posts in ${ms.toFixed(0)} ms (${Math.round(posts / (ms / 1000))}/s) ${JSON.stringify(tally)}`);
  await verifier.close();
  await fake.stop();
}

export default async function run(): Promise<void> {
  benchParse();
  const posts = Number(process.env.BENCH_VERIFY_POSTS ?? 2000);
  await benchVerify(posts, 2);
  await benchVerify(posts, 8);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await run();
