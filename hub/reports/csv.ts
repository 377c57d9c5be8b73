// CSV as RFC 4180 writes it (CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled),
// with a UTF-8 byte-order mark so spreadsheet programs read accents and names right.
export type CsvValue = string | number | boolean | null | undefined;

/** Spreadsheets run a cell that starts with one of these as a formula; a username typed at the login is not one. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Numbers are written as they are; text that looks like a formula is kept as text (OWASP "CSV injection").
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole document: the header row, then one row per record. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let text = `\uFEFF${csvRow(header)}`;
  for (const row of rows) text += csvRow(row);
  return text;
}

/** Rows written per chunk of a stream: small enough that a long export never holds up the broadcasts for long. */
const ROWS_PER_CHUNK = 500;

/** A whole document as a stream, written a chunk at a time as the client reads it. */
export function csvStream(header: readonly string[], rows: Iterable<readonly CsvValue[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.iterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // A socket that takes every chunk at once would otherwise drain the whole stream in one go of the event loop.
      if (started) await new Promise((resolve) => setImmediate(resolve));
      let text = started ? '' : `\uFEFF${csvRow(header)}`;
      started = true;
      for (let i = 0; i < ROWS_PER_CHUNK; i++) {
        const next = iterator.next();
        if (next.done) {
          if (text) controller.enqueue(encoder.encode(text));
          return controller.close();
        }
        text += csvRow(next.value);
      }
      controller.enqueue(encoder.encode(text));
    },
  });
}

/** The headers of a CSV download, saved under `fileName`. */
export function csvHeaders(fileName: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    'Cache-Control': 'no-store',
  };
}
