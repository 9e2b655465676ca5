// A resolver for the safe fetcher that answers from a table (no real DNS) and records which names
// were asked, so a test can prove a refusal happened before any lookup.
import type { LookupAddress } from "node:dns";
import type { LookupFn } from "../../src/verify/safe-fetch.js";

export function fakeDns(table: Record<string, string[]>): LookupFn & { asked: string[] } {
  const asked: string[] = [];
  const fn = ((hostname: string, cb: (e: Error | null, a: LookupAddress[]) => void) => {
    asked.push(hostname);
    const addrs = table[hostname];
    if (!addrs) return cb(Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
    cb(null, addrs.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
  }) as LookupFn & { asked: string[] };
  fn.asked = asked;
  return fn;
}
