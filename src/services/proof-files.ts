// Opening a proof file where the platform keeps it (issue 13): only references are stored, so the
// dashboard streams the bytes from the platform, with the bot's own credentials, to a signed-in
// manager. Telegram: getFile, then /file/bot<token>/<file_path> (bots may download up to 20 MB).
// Slack: files.info, then url_private_download with the bot token (scope files:read). Discord:
// attachment urls are signed and expire, so they are refreshed (POST attachments/refresh-urls)
// before each download. Credentials go only to the platform's own hosts; nothing secret is logged.
import { z } from "zod";
import type { AppConfig } from "../config.js";
import { PROOF_MAX_BYTES } from "../domain/proofs.js";
import { err, ok, type Result } from "../result.js";

export interface ProofFileRef {
  platform: string;
  fileRef: string;
  mimeType: string;
}

export interface OpenedFile {
  body: ReadableStream<Uint8Array>;
  /** from the platform's answer, when it gives one */
  length?: number;
}

type Config = Pick<AppConfig, "TELEGRAM_BOT_TOKEN" | "TELEGRAM_API_ROOT" | "SLACK_BOT_TOKEN" | "SLACK_API_URL" | "DISCORD_BOT_TOKEN" | "DISCORD_API_URL">;

const TIMEOUT_MS = 15_000;
const UNAVAILABLE = "measure.proof.unavailable";

const telegramFile = z.object({ ok: z.literal(true), result: z.object({ file_path: z.string().min(1) }) });
const slackFile = z.object({ ok: z.literal(true), file: z.object({ url_private_download: z.string().url().optional(), url_private: z.string().url().optional() }) });
const discordRefresh = z.object({ refreshed_urls: z.array(z.object({ original: z.string(), refreshed: z.string().url() })) });

const hostOf = (u: string) => new URL(u).host.toLowerCase();
// The platforms' own addresses when the settings leave them out.
const telegramRoot = (c: Config) => (c.TELEGRAM_API_ROOT ?? "https://api.telegram.org").replace(/\/$/, "");
const slackApi = (c: Config) => (c.SLACK_API_URL ?? "https://slack.com/api/").replace(/\/?$/, "/");
const discordApi = (c: Config) => (c.DISCORD_API_URL ?? "https://discord.com/api").replace(/\/$/, "");

/** Slack serves files from files.slack.com; a test's fake serves them from its API host. */
function slackHost(config: Config, url: string): boolean {
  const host = hostOf(url);
  return host === hostOf(slackApi(config)) || host === "files.slack.com";
}

/** Discord's CDN hosts, or the configured API host (a test's fake). */
function discordHost(config: Config, url: string): boolean {
  const host = hostOf(url);
  return host === hostOf(discordApi(config)) || host === "cdn.discordapp.com" || host === "media.discordapp.net";
}

async function getJson(url: string, init: RequestInit = {}): Promise<unknown> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) return undefined;
  return res.json();
}

/** The bytes, cut off with an error past PROOF_MAX_BYTES (the platform's size is not trusted). */
async function download(url: string, headers: Record<string, string> = {}): Promise<Result<OpenedFile>> {
  const res = await fetch(url, { headers, redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok || !res.body) return err(UNAVAILABLE);
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > PROOF_MAX_BYTES) {
    await res.body.cancel();
    return err(UNAVAILABLE);
  }
  let seen = 0;
  const capped = res.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > PROOF_MAX_BYTES) controller.error(new Error("proof file over the size limit"));
      else controller.enqueue(chunk);
    },
  }));
  return ok({ body: capped, ...(Number.isFinite(declared) ? { length: declared } : {}) });
}

export async function openProofFile(config: Config, proof: ProofFileRef): Promise<Result<OpenedFile>> {
  try {
    if (proof.platform === "telegram" && config.TELEGRAM_BOT_TOKEN) {
      const root = telegramRoot(config);
      const info = telegramFile.safeParse(await getJson(`${root}/bot${config.TELEGRAM_BOT_TOKEN}/getFile?file_id=${encodeURIComponent(proof.fileRef)}`));
      if (!info.success) return err(UNAVAILABLE);
      const path = info.data.result.file_path.split("/").map(encodeURIComponent).join("/");
      return download(`${root}/file/bot${config.TELEGRAM_BOT_TOKEN}/${path}`);
    }
    if (proof.platform === "slack" && config.SLACK_BOT_TOKEN) {
      const auth = { authorization: `Bearer ${config.SLACK_BOT_TOKEN}` };
      const base = slackApi(config);
      const info = slackFile.safeParse(await getJson(`${base}files.info?file=${encodeURIComponent(proof.fileRef)}`, { headers: auth }));
      const url = info.success ? (info.data.file.url_private_download ?? info.data.file.url_private) : undefined;
      if (!url || !slackHost(config, url)) return err(UNAVAILABLE);
      return download(url, auth);
    }
    if (proof.platform === "discord" && config.DISCORD_BOT_TOKEN) {
      if (!discordHost(config, proof.fileRef)) return err(UNAVAILABLE);
      const refreshed = discordRefresh.safeParse(await getJson(`${discordApi(config)}/v10/attachments/refresh-urls`, {
        method: "POST", headers: { authorization: `Bot ${config.DISCORD_BOT_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ attachment_urls: [proof.fileRef] }),
      }));
      const url = refreshed.success ? refreshed.data.refreshed_urls[0]?.refreshed : undefined;
      if (!url || !discordHost(config, url)) return err(UNAVAILABLE);
      return download(url); // the CDN needs no token: the signed url is the permission
    }
    return err(UNAVAILABLE);
  } catch {
    // Network errors and timeouts: the message could carry the url (and with it a token).
    return err(UNAVAILABLE);
  }
}
