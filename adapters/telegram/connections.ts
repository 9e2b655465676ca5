// The fetch settings of Advo's Bot API clients (node:http agents only: no SDK here).
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";

/**
 * A connection pool (one per caller: the reply path, the outbox) that drops idle sockets. grammY
 * shares one keep-alive agent per API root with no idle limit, so a socket left idle is reused long
 * after the server (a local Bot API, a proxy; Node's default keep-alive is 5 s) has closed it:
 * ECONNRESET / "socket hang up". On the outbox that was the first send after start-up; on the reply
 * path a burst hit it (bench/burst.ts: a reply failed twice in a row and went to the outbox, a 30 s
 * delay). Idle sockets here are dropped after a few seconds (earlier still when the server announces
 * a shorter Keep-Alive timeout). Only idle sockets: a long poll in progress is not cut.
 */
const IDLE_SOCKET_MS = 4_000;
export function idleLimitedFetchConfig(apiRoot: string) {
  return apiRoot.startsWith("https:")
    ? { compress: true, agent: new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }) }
    : { agent: new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }) };
}
