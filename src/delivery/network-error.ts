// The underlying reason a request to a platform failed on the network, as a code an operator can
// act on (ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET, ETIMEDOUT, …), never just "network". SDKs wrap
// the socket error once or twice (grammY HttpError.error → node-fetch FetchError; Slack's
// WebAPIRequestError.original → axios error; discord.js/undici `cause`), so the chain is walked.
const CODE = /^(E[A-Z0-9_]+|UND_ERR_[A-Z_]+|ERR_[A-Z0-9_]+)$/;

export function networkErrorCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  // grammY's own client timeout rejects with a plain Error "Request to 'x' timed out after N seconds".
  let timedOut = false;
  while (queue.length && seen.size < 12) {
    const cur = queue.shift();
    if (!cur || typeof cur !== "object" || seen.has(cur)) continue;
    seen.add(cur);
    const o = cur as { code?: unknown; errno?: unknown; name?: unknown; cause?: unknown; error?: unknown; original?: unknown; errors?: unknown };
    for (const v of [o.code, o.errno]) if (typeof v === "string" && CODE.test(v)) return v;
    if (o.name === "AbortError" || o.name === "TimeoutError") return "ETIMEDOUT";
    if (cur instanceof Error && /\btimed out after\b/.test(cur.message)) timedOut = true;
    queue.push(o.cause, o.error, o.original, ...(Array.isArray(o.errors) ? o.errors : []));
  }
  return timedOut ? "ETIMEDOUT" : undefined;
}

/**
 * Socket-level failures that a fresh connection usually fixes at once (a stale keep-alive socket
 * reset, a refused or timed-out connect). A timeout waiting for the ANSWER is not one of them: the
 * platform may have taken the message and be slow — retrying at once would risk a duplicate, so
 * that keeps the normal backoff.
 */
export function isTransientNetworkCode(code: string | undefined): boolean {
  return code !== undefined && /^(ECONNRESET|EPIPE|ECONNREFUSED|EAI_AGAIN|UND_ERR_SOCKET|UND_ERR_CLOSED|UND_ERR_CONNECT_TIMEOUT)$/.test(code);
}
