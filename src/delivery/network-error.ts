// The underlying reason a request to a platform failed on the network, as a code an operator can
// act on (ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET, ETIMEDOUT, …), never just "network". SDKs wrap
// the socket error once or twice (grammY HttpError.error → node-fetch FetchError; Slack's
// WebAPIRequestError.original → axios error; discord.js/undici `cause`), so the chain is walked.
const CODE = /^(E[A-Z0-9_]+|UND_ERR_[A-Z_]+|ERR_[A-Z0-9_]+)$/;

export function networkErrorCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length && seen.size < 12) {
    const cur = queue.shift();
    if (!cur || typeof cur !== "object" || seen.has(cur)) continue;
    seen.add(cur);
    const o = cur as { code?: unknown; errno?: unknown; name?: unknown; cause?: unknown; error?: unknown; original?: unknown; errors?: unknown };
    for (const v of [o.code, o.errno]) if (typeof v === "string" && CODE.test(v)) return v;
    if (o.name === "AbortError" || o.name === "TimeoutError") return "ETIMEDOUT";
    queue.push(o.cause, o.error, o.original, ...(Array.isArray(o.errors) ? o.errors : []));
  }
  return undefined;
}

/** Socket-level failures that a fresh connection usually fixes at once (a stale keep-alive socket). */
export function isTransientNetworkCode(code: string | undefined): boolean {
  return code === undefined || /^(ECONNRESET|EPIPE|ECONNABORTED|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|UND_ERR_SOCKET|UND_ERR_CLOSED|UND_ERR_CONNECT_TIMEOUT)$/.test(code);
}
