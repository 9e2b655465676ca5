// POST /telegram/webhook as a Hono sub-app. Order: the secret token first (401 — nothing is read
// before it matches), then the body (413 over the cap, 400 when it is not JSON or has no numeric
// update_id — Telegram never sends that, so nothing is handled), then grammY handles the update.
import { timingSafeEqual } from "node:crypto";
import { Hono, type Context } from "hono";
import { webhookCallback, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { z } from "zod";
import { readJson } from "../../src/http/body.js";

export const WEBHOOK_PATH = "/telegram/webhook";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";
const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

export function telegramWebhookRoutes(bot: Bot, secretToken: string): Hono {
  // A slow engine must not make Telegram redeliver: answer 200 after 9 s and keep working
  // (a redelivery would be dropped by the engine's de-duplication anyway).
  const callback = webhookCallback(bot, honoWithParsedUpdate, { secretToken, onTimeout: "return", timeoutMilliseconds: 9000 });
  const app = new Hono();
  app.post(WEBHOOK_PATH, async (c) => {
    if (!secretMatches(c.req.header(SECRET_HEADER), secretToken)) return c.body(null, 401);
    const update = (await readJson(c, updateSchema)) as unknown as Update;
    return callback(c, update);
  });
  return app;
}

/** grammY's "hono" adapter, but with the update we parsed and validated ourselves. */
function honoWithParsedUpdate(c: Context, update: Update) {
  let resolve!: (r: Response) => void;
  return {
    update: Promise.resolve(update),
    header: c.req.header(SECRET_HEADER),
    end: () => resolve(c.body("")),
    respond: (json: string) => resolve(c.json(json)),
    unauthorized: () => resolve(c.body(null, 401)),
    handlerReturn: new Promise<Response>((r) => (resolve = r)),
  };
}

function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
