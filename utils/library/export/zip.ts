// A minimal zip writer (no dependency): deflated entries through the platform's CompressionStream where there
// is one, stored ones otherwise. Enough for an export folder of Markdown files; no ZIP64 (65,535 files, 4 GB).

export interface ZipFile {
  name: string;
  data: Uint8Array;
  modified: Date;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function deflateRaw(data: Uint8Array): Promise<Uint8Array | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function dosTime(d: Date): [time: number, date: number] {
  const year = Math.max(1980, d.getFullYear());
  return [(d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1), ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()];
}

/** The zip as Blob parts, written file by file. */
export async function* zipParts(files: AsyncIterable<ZipFile> | Iterable<ZipFile>): AsyncIterable<Uint8Array> {
  const encoder = new TextEncoder();
  const central: Uint8Array[] = [];
  let offset = 0;
  let count = 0;
  for await (const file of files) {
    if (++count > 0xffff) throw new Error('Too many files for one zip (65,535 at most)');
    const name = encoder.encode(file.name);
    const crc = crc32(file.data);
    const deflated = await deflateRaw(file.data);
    const useDeflate = deflated !== null && deflated.length < file.data.length;
    const body = useDeflate ? deflated : file.data;
    const [time, date] = dosTime(file.modified);
    if (offset + body.length > 0xffffffff) throw new Error('The export is too large for one zip (4 GB at most)');
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x0800, true); // names in UTF-8
    local.setUint16(8, useDeflate ? 8 : 0, true);
    local.setUint16(10, time, true);
    local.setUint16(12, date, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, file.data.length, true);
    local.setUint16(26, name.length, true);
    local.setUint16(28, 0, true);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, 20, true);
    entry.setUint16(6, 20, true);
    for (let i = 6; i < 28; i += 2) entry.setUint16(i + 2, local.getUint16(i, true), true);
    entry.setUint16(30, 0, true); // extra
    entry.setUint16(32, 0, true); // comment
    entry.setUint16(34, 0, true); // disk
    entry.setUint16(36, 0, true); // internal attributes
    entry.setUint32(38, 0, true); // external attributes
    entry.setUint32(42, offset, true);
    central.push(new Uint8Array(entry.buffer), name);
    const header = new Uint8Array(local.buffer);
    yield header;
    yield name;
    yield body;
    offset += header.length + name.length + body.length;
  }
  const size = central.reduce((n, part) => n + part.length, 0);
  yield* central;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, count, true);
  end.setUint16(10, count, true);
  end.setUint32(12, size, true);
  end.setUint32(16, offset, true);
  yield new Uint8Array(end.buffer);
}
