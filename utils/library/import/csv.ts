// RFC 4180 CSV, strict about quoting (a broken quote would silently merge rows), with the line each row starts on.
import { ImportError } from './types';

export interface CsvRow {
  /** 1-based record number (the header is row 1). */
  row: number;
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const where = () => `row ${rows.length + 1} (line ${rowLine})`;
  const endRow = () => {
    fields.push(field);
    field = '';
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ row: rows.length + 1, line: rowLine, fields });
    fields = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      const start = line;
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new ImportError(
            `a quoted field opened on line ${start} is never closed (a quote mark is missing, or the file is cut short)`,
            where(),
          );
        }
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new ImportError(`text after a closing quote mark on line ${line}: ${JSON.stringify(text.slice(i, i + 20))}`, where());
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      line++;
      rowLine = line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

/** Records as objects keyed by lower-cased header names; a row with more fields than the header is an error. */
export function csvRecords(rows: CsvRow[]): { header: string[]; records: { row: CsvRow; get(name: string): string }[] } {
  if (rows.length === 0) throw new ImportError('the file is empty');
  const header = rows[0].fields.map((h) => h.trim().toLowerCase());
  const records = rows.slice(1).map((row) => {
    if (row.fields.length > header.length) {
      throw new ImportError(
        `${row.fields.length} fields where the header has ${header.length} (a comma inside a field that is not quoted?)`,
        `row ${row.row} (line ${row.line})`,
      );
    }
    return {
      row,
      get: (name: string) => {
        const i = header.indexOf(name);
        return i >= 0 ? (row.fields[i] ?? '') : '';
      },
    };
  });
  return { header, records };
}
