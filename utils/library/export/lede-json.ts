// Lede's JSON export: everything the library holds (entries, clean copies, summaries, quotes, tags, status)
// and the settings, one article per line so that any size is written and read back piece by piece.
import type { SavedReader } from '../../storage/saved-store';
import type { Settings } from '../../storage/settings';
import { ARTICLES_OPEN, LEDE_FORMAT, LEDE_FORMAT_VERSION, type LedeExportHeader } from '../import/lede-json';

/** The export as text parts, in order (for a Blob: nothing holds the whole library as one string). */
export async function* ledeJsonParts(reader: Pick<SavedReader, 'list' | 'bodies'>, settings: Settings | null, now = Date.now()): AsyncIterable<string> {
  const entries = await reader.list();
  const header: LedeExportHeader = {
    format: LEDE_FORMAT,
    version: LEDE_FORMAT_VERSION,
    exportedAt: new Date(now).toISOString(),
    count: entries.length,
    settings,
  };
  yield `${JSON.stringify(header).slice(0, -1)},${ARTICLES_OPEN}\n`;
  for (let i = 0; i < entries.length; i += 200) {
    const batch = entries.slice(i, i + 200);
    const bodies = await reader.bodies(batch.filter((e) => e.hasBody).map((e) => e.id));
    yield batch
      .map((e, j) => JSON.stringify({ ...e, body: bodies.get(e.id) ?? null }) + (i + j === entries.length - 1 ? '\n' : ',\n'))
      .join('');
  }
  yield ']}\n';
}
