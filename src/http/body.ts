// Reading request bodies for every inbound endpoint (webhooks, postbacks, dashboard forms): a size
// cap (413), then parsing (400 on invalid JSON or form data, with the first field problem named),
// never a 500 and never a half-handled request. Check secrets and signatures BEFORE calling these
// parsers (readRawBody gives the exact bytes a signature covers).
//
//   const update = await readJson(c, z.looseObject({ update_id: z.number().int() }));
//   const form = await readForm(c, z.object({ code: z.string().min(1) }));
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";

/** 1 MB: far above any platform's webhook payload. */
export const DEFAULT_BODY_LIMIT = 1_000_000;

export interface BodyOptions {
  /** bytes; default DEFAULT_BODY_LIMIT */
  limit?: number;
}

/** The exact request bytes, at most `limit` (413 beyond, also for bodies without content-length). */
export async function readRawBody(c: Context, options: BodyOptions = {}): Promise<Uint8Array> {
  const limit = options.limit ?? DEFAULT_BODY_LIMIT;
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > limit) throw refusal(413, "payload_too_large", `the body is over ${limit} bytes`);
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw refusal(413, "payload_too_large", `the body is over ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Parses JSON (any content type) and validates it; 400 with the first problem otherwise. */
export function parseJson<S extends z.ZodType>(raw: Uint8Array | string, schema: S): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(typeof raw === "string" ? raw : new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw refusal(400, "invalid_json", "the body is not valid JSON");
  }
  return validate(value, schema);
}

/** Parses application/x-www-form-urlencoded fields (last value wins) and validates them. */
export function parseForm<S extends z.ZodType>(raw: Uint8Array | string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = typeof raw === "string" ? raw : new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    throw refusal(400, "invalid_form", "the form is not valid UTF-8");
  }
  return validate(Object.fromEntries(new URLSearchParams(text)), schema);
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S, options: BodyOptions = {}): Promise<z.infer<S>> {
  return parseJson(await readRawBody(c, options), schema);
}

export async function readForm<S extends z.ZodType>(c: Context, schema: S, options: BodyOptions = {}): Promise<z.infer<S>> {
  return parseForm(await readRawBody(c, options), schema);
}

export function validate<S extends z.ZodType>(value: unknown, schema: S): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length ? issue.path.join(".") : undefined;
  throw refusal(400, "invalid_body", `${field ? `${field}: ` : ""}${issue?.message ?? "invalid"}`, field);
}

/** An HTTPException whose response is a small JSON error: { error, message, field? }. */
export function refusal(status: 400 | 401 | 403 | 404 | 413 | 415, error: string, message: string, field?: string): HTTPException {
  const body = JSON.stringify({ error, message, ...(field ? { field } : {}) });
  return new HTTPException(status, { message, res: new Response(body, { status, headers: { "content-type": "application/json" } }) });
}
