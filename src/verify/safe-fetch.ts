// The only way Advo fetches a URL that came from a user (post links, oEmbed lookups of them).
// Defences against SSRF, each needed because the others can be bypassed on their own:
// - http/https only, no credentials in the URL;
// - IP literals in the URL are checked before connecting (no DNS lookup happens for them);
// - host names are checked at connect time by the undici Agent's `lookup`, on every address the
//   name resolves to, so DNS rebinding between "check" and "connect" is impossible;
// - redirects are never followed by undici: each hop is re-checked here, up to maxRedirects;
// - one deadline for the whole fetch, a body cap, and a per-host concurrency limit.
// FETCH_ALLOW_HOSTS lets named hosts through (even on loopback) for local fakes; it is logged as
// a warning because in production it would reopen the hole.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent, request } from "undici";
import type { Logger } from "../logger.js";
import { addressRange, isAllowListed, isForbiddenAddress, isIpLiteral } from "./address-policy.js";

export type FetchErrorCode =
  | "fetch.invalid_url"
  | "fetch.forbidden_address"
  | "fetch.too_many_redirects"
  | "fetch.timeout"
  | "fetch.too_large"
  | "fetch.bad_status"
  | "fetch.network";

export type FetchSuccess = { ok: true; status: number; url: string; contentType: string; body: string };
export type FetchFailure = { ok: false; code: FetchErrorCode; detail: string; status?: number; url: string };
export type FetchResult = FetchSuccess | FetchFailure;

export type LookupFn = (hostname: string, callback: (err: Error | null, addresses: LookupAddress[]) => void) => void;

export type SafeFetchOptions = {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  allowHosts?: readonly string[];
  maxRedirects?: number;
  perHostConcurrency?: number;
  log: Logger;
  /** DNS resolution; tests inject one to make a name resolve anywhere without real DNS. */
  resolve?: LookupFn;
};

export type SafeFetcher = {
  get(url: string, accept?: string): Promise<FetchResult>;
  close(): Promise<void>;
};

class ForbiddenAddressError extends Error {
  readonly advoCode = "fetch.forbidden_address";
}

const systemResolve: LookupFn = (hostname, callback) =>
  dnsLookup(hostname, { all: true, verbatim: true }, (e, addresses) => callback(e, addresses ?? []));

// net.connect's lookup contract: (hostname, options, cb) with cb(err, address, family) or, when
// options.all is set (Node 20's happy-eyeballs), cb(err, addresses[]).
type ConnectLookup = (
  hostname: string,
  options: { all?: boolean },
  callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void,
) => void;

function guardedLookup(resolve: LookupFn, allowHosts: readonly string[]): ConnectLookup {
  return (hostname, options, callback) => {
    resolve(hostname, (e, addresses) => {
      if (e) return callback(e, "");
      if (addresses.length === 0) return callback(new Error(`no address for ${hostname}`), "");
      // Any forbidden address refuses the name: a mixed answer is a rebinding attempt.
      const bad = isAllowListed(hostname, allowHosts) ? undefined : addresses.find((a) => isForbiddenAddress(a.address));
      if (bad) return callback(new ForbiddenAddressError(`${hostname} resolves to ${addressRange(bad.address)} address ${bad.address}`), "");
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

function findForbidden(e: unknown): ForbiddenAddressError | undefined {
  for (let cur = e, depth = 0; cur && depth < 6; cur = (cur as { cause?: unknown }).cause, depth++) {
    if (cur instanceof ForbiddenAddressError) return cur;
    // A Happy-Eyeballs AggregateError holds one error per attempted address.
    if (cur instanceof AggregateError) for (const inner of cur.errors) if (inner instanceof ForbiddenAddressError) return inner;
  }
  return undefined;
}

/** Waits for a free slot per host so one slow site cannot hold every fetch. */
function hostLimiter(limit: number) {
  const active = new Map<string, number>();
  const waiting = new Map<string, Array<() => void>>();
  return {
    async acquire(host: string): Promise<() => void> {
      if ((active.get(host) ?? 0) >= limit) await new Promise<void>((r) => waiting.set(host, [...(waiting.get(host) ?? []), r]));
      active.set(host, (active.get(host) ?? 0) + 1);
      return () => {
        active.set(host, (active.get(host) ?? 1) - 1);
        const next = waiting.get(host)?.shift();
        if (next) next();
        else if (active.get(host) === 0) active.delete(host);
      };
    },
  };
}

export function createSafeFetcher(opts: SafeFetchOptions): SafeFetcher {
  const allowHosts = opts.allowHosts ?? [];
  const maxRedirects = opts.maxRedirects ?? 5;
  if (allowHosts.length > 0)
    opts.log.warn({ allowHosts }, "FETCH_ALLOW_HOSTS is set: these hosts skip the SSRF address check. Use for local testing only, never in production.");
  const agent = new Agent({
    connect: { lookup: guardedLookup(opts.resolve ?? systemResolve, allowHosts), timeout: opts.timeoutMs },
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
  });
  const limiter = hostLimiter(opts.perHostConcurrency ?? 2);
  const warnedHosts = new Set<string>();

  // Checks done before any connection: scheme, credentials, literal IPs.
  function precheck(url: URL): FetchFailure | undefined {
    const fail = (code: FetchErrorCode, detail: string): FetchFailure => ({ ok: false, code, detail, url: url.toString() });
    if (url.protocol !== "http:" && url.protocol !== "https:") return fail("fetch.invalid_url", `scheme ${url.protocol} not allowed`);
    if (url.username || url.password) return fail("fetch.invalid_url", "credentials in URL");
    if (isAllowListed(url.hostname, allowHosts)) {
      if (!warnedHosts.has(url.hostname)) {
        warnedHosts.add(url.hostname);
        opts.log.warn({ host: url.hostname }, "fetching an allow-listed host without the SSRF address check (FETCH_ALLOW_HOSTS)");
      }
      return undefined;
    }
    if (isIpLiteral(url.hostname) && isForbiddenAddress(url.hostname))
      return fail("fetch.forbidden_address", `${addressRange(url.hostname)} address ${url.hostname}`);
    return undefined;
  }

  async function hop(url: URL, accept: string, signal: AbortSignal): Promise<FetchResult | { redirect: URL }> {
    const release = await limiter.acquire(url.host);
    const at = url.toString();
    try {
      const res = await request(url, {
        method: "GET",
        dispatcher: agent,
        signal,
        headers: { "user-agent": opts.userAgent, accept, "accept-language": "en" },
      });
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && location) {
        await res.body.dump();
        try {
          return { redirect: new URL(Array.isArray(location) ? location[0]! : location, url) };
        } catch {
          return { ok: false, code: "fetch.invalid_url", detail: "bad redirect location", url: at };
        }
      }
      if (res.statusCode < 200 || res.statusCode >= 300) {
        await res.body.dump();
        return { ok: false, code: "fetch.bad_status", detail: `HTTP ${res.statusCode}`, status: res.statusCode, url: at };
      }
      const declared = Number(res.headers["content-length"] ?? NaN);
      if (declared > opts.maxBytes) {
        res.body.destroy();
        return { ok: false, code: "fetch.too_large", detail: `content-length ${declared} > ${opts.maxBytes}`, url: at };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > opts.maxBytes) {
          res.body.destroy();
          return { ok: false, code: "fetch.too_large", detail: `body over ${opts.maxBytes} bytes`, url: at };
        }
        chunks.push(chunk as Buffer);
      }
      const contentType = String(res.headers["content-type"] ?? "");
      return { ok: true, status: res.statusCode, url: at, contentType, body: new TextDecoder().decode(Buffer.concat(chunks)) };
    } finally {
      release();
    }
  }

  return {
    async get(input, accept = "text/html,application/json;q=0.9,*/*;q=0.5") {
      let url: URL;
      try {
        url = new URL(input);
      } catch {
        return { ok: false, code: "fetch.invalid_url", detail: "not a URL", url: input };
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), opts.timeoutMs);
      try {
        for (let hops = 0; ; hops++) {
          const refused = precheck(url);
          if (refused) return refused;
          const result = await hop(url, accept, controller.signal);
          if (!("redirect" in result)) return result;
          if (hops >= maxRedirects) return { ok: false, code: "fetch.too_many_redirects", detail: `more than ${maxRedirects} redirects`, url: url.toString() };
          url = result.redirect;
        }
      } catch (e) {
        const at = url.toString();
        const forbidden = findForbidden(e);
        if (forbidden) return { ok: false, code: "fetch.forbidden_address", detail: forbidden.message, url: at };
        const name = (e as { name?: string; code?: string }).name ?? "";
        const code = (e as { code?: string }).code ?? "";
        if (controller.signal.aborted || name === "AbortError" || code.includes("TIMEOUT"))
          return { ok: false, code: "fetch.timeout", detail: `no complete answer within ${opts.timeoutMs} ms`, url: at };
        return { ok: false, code: "fetch.network", detail: `${name} ${code} ${(e as Error).message ?? ""}`.trim(), url: at };
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => agent.close(),
  };
}

/** "AdvoBot/0.1 (+https://advo.example)": sites can see who fetches and how to reach the operator. */
export function advoUserAgent(publicUrl: string): string {
  return `AdvoBot/0.1 (+${publicUrl})`;
}
