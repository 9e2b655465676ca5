// Which IP addresses a fetch of a user-supplied URL may connect to: public unicast only.
// ipaddr.js classifies every special-purpose block (loopback, private, link-local incl. the cloud
// metadata address 169.254.169.254, multicast, broadcast, unspecified, reserved, carrier-grade
// NAT, unique-local, 6to4/NAT64/Teredo that embed IPv4); process() unwraps IPv4-mapped IPv6
// (::ffff:127.0.0.1) first, so it is judged as the IPv4 address it really is.
import ipaddr from "ipaddr.js";

/** The ipaddr.js range of a literal address, or "invalid". */
export function addressRange(address: string): string {
  const text = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(text)) return "invalid";
  return ipaddr.process(text).range();
}

/** True unless the address is plain public unicast. */
export function isForbiddenAddress(address: string): boolean {
  return addressRange(address) !== "unicast";
}

/** True when the URL host is an IP literal (the URL parser has already normalised 0x7f.1 etc.). */
export function isIpLiteral(hostname: string): boolean {
  const text = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(text) && (text.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(text));
}

/** Hosts on the allow list skip the address check (local testing only). Case-insensitive. */
export function isAllowListed(hostname: string, allowHosts: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return allowHosts.some((h) => h.toLowerCase().replace(/^\[|\]$/g, "") === host);
}
