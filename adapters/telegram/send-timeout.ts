// A time cap on each Bot API attempt of the reply path. grammY's own client timeout (500 s by
// default) also bounds getUpdates, which long-polls for 30 s, so it cannot be short; this
// transformer puts a per-attempt cap on every other method instead. Installed BEFORE auto-retry, so
// each retry gets a fresh cap and a 429's retry_after wait is not counted against it. A stale
// keep-alive socket reset (ECONNRESET and friends: the request never reached Telegram) is tried
// once more at once; anything else comes back as grammY's HttpError and the adapter decides.
import type { Transformer } from "grammy";
import { isTransientNetworkCode, networkErrorCode } from "../../src/delivery/network-error.js";

export function sendTimeout(seconds: number): Transformer {
  return async (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    // grammY types its signal with the abort-controller shim; at run time it takes Node's own.
    type Signal = NonNullable<typeof signal>;
    const attempt = () => {
      const cap = AbortSignal.timeout(seconds * 1000);
      return prev(method, payload, (signal ? AbortSignal.any([signal as unknown as AbortSignal, cap]) : cap) as unknown as Signal);
    };
    try {
      return await attempt();
    } catch (err) {
      if (signal?.aborted || !isTransientNetworkCode(networkErrorCode(err))) throw err;
      return attempt();
    }
  };
}
