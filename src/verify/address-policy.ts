// Which IP addresses a fetch of a user-supplied URL may connect to: public unicast only.
// Two layers, because either alone has a hole:
// 1. IPv6 blocks that embed an IPv4 address are refused outright, whatever the embedded address:
//    IPv4-compatible ::/96 (ipaddr.js 2.5 calls ::7f00:1 "unicast", and some stacks route it to
//    127.0.0.1), IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16
//    and Teredo 2001::/32. No social network publishes its posts on such an address; they are only
//    ever a way to smuggle an internal IPv4 past a filter.
// 2. Everything else must be what ipaddr.js calls "unicast": loopback, private, link-local (incl.
//    the cloud metadata address 169.254.169.254), multicast, broadcast, unspecified, reserved,
//    carrier-grade NAT, unique-local, documentation, benchmarking … are all refused.
import ipaddr from "ipaddr.js";

const EMBEDS_IPV4: ReadonlyArray<[string, ipaddr.IPv6, number]> = [
  ["ipv4Compatible", ipaddr.IPv6.parse("::"), 96],
  ["ipv4Mapped", ipaddr.IPv6.parse("::ffff:0:0"), 96],
  ["nat64", ipaddr.IPv6.parse("64:ff9b::"), 96],
  ["nat64Local", ipaddr.IPv6.parse("64:ff9b:1::"), 48],
  ["6to4", ipaddr.IPv6.parse("2002::"), 16],
  ["teredo", ipaddr.IPv6.parse("2001::"), 32],
];

function unbracket(address: string): string {
  return address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
}

/** The range of a literal address ("unicast" is the only public one), or "invalid". */
export function addressRange(address: string): string {
  const text = unbracket(address);
  if (!ipaddr.isValid(text)) return "invalid";
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === "ipv6") {
    // ::1 and :: keep their precise names (they sit inside ::/96 too).
    const own = parsed.range();
    if (own === "loopback" || own === "unspecified") return own;
    const embedded = EMBEDS_IPV4.find(([, net, bits]) => parsed.match(net, bits));
    if (embedded) return embedded[0];
    return own;
  }
  return parsed.range();
}

/** True unless the address is plain public unicast. */
export function isForbiddenAddress(address: string): boolean {
  return addressRange(address) !== "unicast";
}

/** True when the URL host is an IP literal (the URL parser has already normalised 0x7f.1 etc.). */
export function isIpLiteral(hostname: string): boolean {
  const text = unbracket(hostname);
  return ipaddr.isValid(text) && (text.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(text));
}

/** Hosts on the allow list skip the address check (local testing only). Case-insensitive. */
export function isAllowListed(hostname: string, allowHosts: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return allowHosts.some((h) => h.toLowerCase().replace(/^\[|\]$/g, "") === host);
}
