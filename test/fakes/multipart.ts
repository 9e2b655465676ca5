// Multipart form bodies for the fakes: the real SDKs upload files this way.

/** A file that arrived in a multipart upload (sendDocument), decoded as text. */
export interface UploadedFile {
  filename: string;
  mimeType: string;
  content: string;
  /** the part's bytes as sent (a PNG is not UTF-8 text) */
  bytes: Buffer;
}

/** Multipart bodies as the SDKs send them (grammY InputFile, Slack upload URLs): fields as strings, files as UploadedFile. */
export function multipartParams(body: Buffer, contentType: string): Record<string, unknown> {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  const out: Record<string, unknown> = {};
  if (!boundary) return out;
  const text = body.toString("latin1"); // byte-preserving: parts are re-decoded as UTF-8 below
  for (const part of text.split(`--${boundary}`)) {
    const split = part.indexOf("\r\n\r\n");
    if (split < 0) continue;
    const head = part.slice(0, split);
    const bytes = Buffer.from(part.slice(split + 4).replace(/\r\n$/, ""), "latin1");
    const value = bytes.toString("utf8");
    const name = /[;\s]name="([^"]*)"/.exec(head)?.[1];
    if (!name) continue;
    const filename = /filename="?([^";\r\n]*)"?/.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? "application/octet-stream";
    out[name] = filename !== undefined ? ({ filename, mimeType: type, content: value, bytes } satisfies UploadedFile) : value;
  }
  // grammY sends a file given by reference as attach://<field>: resolve it like Telegram does.
  for (const [key, value] of Object.entries(out)) if (typeof value === "string" && value.startsWith("attach://")) out[key] = out[value.slice("attach://".length)];
  return out;
}

