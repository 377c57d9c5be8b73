import { describe, expect, it } from 'vitest';
import { csvRecords, parseCsv } from '../../test/helpers/csv.ts';
import { csvDocument, csvField, csvHeaders, csvStream } from './csv.ts';

describe('CSV', () => {
  it('quotes only what needs it, doubles quotes, and ends rows with CRLF after a BOM', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvDocument(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
  });

  it('keeps text that a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-3)).toBe('-3');
  });

  it('reads back exactly what was written', () => {
    const nasty = 'to "North field", gate 3\r\nthen wait; ünïcode ✓';
    const text = csvDocument(['id', 'detail', 'empty'], [['one', nasty, null], ['two', 'b', '']]);
    expect(parseCsv(text)).toHaveLength(3);
    expect(csvRecords(text)).toEqual([
      { id: 'one', detail: nasty, empty: '' },
      { id: 'two', detail: 'b', empty: '' },
    ]);
  });

  it('streams the same document a chunk at a time', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => [i, `row "${i}", with a comma`]);
    // ignoreBOM keeps the byte-order mark, which a plain text() would drop.
    const read = async (stream: ReadableStream<Uint8Array>) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
    expect(await read(csvStream(['n', 'text'], rows))).toBe(csvDocument(['n', 'text'], rows));
    expect(await read(csvStream(['n'], []))).toBe('\uFEFFn\r\n');
  });

  it('names the download without letting the name break the header', () => {
    expect(csvHeaders('muster-audit-2026-11-22.csv')['Content-Disposition']).toBe('attachment; filename="muster-audit-2026-11-22.csv"');
    expect(csvHeaders('a"b\r\nc.csv')['Content-Disposition']).toBe('attachment; filename="a_b__c.csv"');
  });
});
