// The visitor's address for the unique-visitor hash (pure). Behind N trusted proxies the client is
// the address N hops back in the chain "X-Forwarded-For entries, then the socket's peer": each
// proxy appends the address it received from, so only the rightmost N entries were written by
// proxies the operator trusts; anything to their left came from the visitor and may be forged.
// TRUST_PROXY off (0) never reads the header. An entry that is not an IP address is not trusted:
// the socket's peer is used instead.
import ipaddr from "ipaddr.js";

// Addresses already normalized: parsing one with ipaddr.js cost a redirect about as much as its
// visitor hash, and a server sees the same peers (its proxies, returning visitors) again and
// again. Bounded: emptied when full, and only short values (an address with brackets and port
// fits in 64 characters; a forged header entry may be longer) are kept.
const seen = new Map<string, string | undefined>();
const SEEN_MAX = 10_000;
const SEEN_LENGTH_MAX = 64;

function normalized(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (seen.has(value)) return seen.get(value);
  const result = parsed(value);
  if (value.length > SEEN_LENGTH_MAX) return result;
  if (seen.size >= SEEN_MAX) seen.clear();
  seen.set(value, result);
  return result;
}

function parsed(value: string): string | undefined {
  const bare = value.trim().replace(/^\[(.*)\](?::\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  if (!ipaddr.isValid(bare)) return undefined;
  const addr = ipaddr.parse(bare);
  // ::ffff:1.2.3.4 and 1.2.3.4 are one visitor
  return addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address().toString() : addr.toString();
}

/**
 * `hops`: how many proxies in front of this server the operator trusts (TRUST_PROXY; 0 = none).
 * `forwardedFor`: the X-Forwarded-For header(s) as received (several headers joined by commas).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, hops: number): string | undefined {
  const peer = normalized(socketAddress) ?? socketAddress;
  if (hops <= 0 || !forwardedFor) return peer;
  const chain = [...forwardedFor.split(","), socketAddress ?? ""];
  const index = Math.max(0, chain.length - 1 - hops);
  return normalized(chain[index]) ?? peer;
}
