import { expect } from 'vitest';
import { at } from '../../measurement/testing/results';

// A strict RFC 4180 parser for tests: quoted or bare fields, "" inside quotes, CRLF between records.


/** Parses CSV text (without BOM) into records; throws on anything RFC 4180 does not allow, e.g. a bare LF or a stray quote. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const endField = (): boolean => {
    // After a field: a comma (another field follows), CRLF (the record ends), or the end of the text.
    if (text[i] === ',') {
      i += 1;
      return false;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      return true;
    }
    if (i >= text.length) return true;
    throw new Error(`CSV: unexpected ${JSON.stringify(text[i])} at ${i}`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('CSV: unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`CSV: ${JSON.stringify(text[i])} in a bare field at ${i}`);
        field += text[i];
        i += 1;
      }
    }
    record.push(field);
    if (endField()) {
      records.push(record);
      record = [];
    }
  }
  return records;
}

/**
 * The file as objects keyed by header, after checking and removing the BOM. With `columns`, the test fails unless the
 * header holds each of them, and each record has them as fields (typed, so reading one needs no check).
 */
export function parseRecords<Column extends string = string>(csv: string, columns: readonly Column[] = []): Array<Record<Column, string>> {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(csv.slice(1));
  if (header === undefined) expect.fail('expected a header row in the CSV');
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0) expect.fail(`expected the columns ${missing.join(', ')} in the CSV header`);
  rows.forEach((row) => expect(row).toHaveLength(header.length));
  // Every header is a key of each record, and the header holds every one of `columns` (checked above).
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, at(row, i)])) as Record<Column, string>);
}

