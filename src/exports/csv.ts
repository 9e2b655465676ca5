// Streamed CSV (RFC 4180, UTF-8, header row) with csv-stringify: rows are pulled from an async
// iterable only as fast as the reader takes them (backpressure through pipe), so an export of
// 100k rows never sits in memory. Cells starting with = + - @ (or a tab / carriage return, which
// spreadsheets also strip) are prefixed with ' so a spreadsheet shows them instead of running them.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text, neutralised against formula injection; dates as ISO 8601 (UTC). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export interface CsvOptions {
  /** a UTF-8 byte order mark first, for Excel */
  bom?: boolean;
}

/** The CSV bytes of `rows` under `header`, as a Node stream that reads `rows` lazily. */
export function csvStream(header: readonly string[], rows: AsyncIterable<readonly unknown[]>, options: CsvOptions = {}): Readable {
  async function* cells() {
    for await (const row of rows) yield row.map(csvCell);
  }
  const source = Readable.from(cells(), { objectMode: true, highWaterMark: 16 });
  const out = stringify({ header: true, columns: [...header], bom: options.bom === true, record_delimiter: "windows" });
  source.on("error", (e) => out.destroy(e));
  return source.pipe(out);
}
