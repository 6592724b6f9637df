// Import (a file, a preview of what it brings and what it leaves out, then all or nothing) and export (Lede's
// JSON, Markdown in a zip, bookmarks HTML), as downloads made in the page: no permission, no request.
import { useRef, useState } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import { ledeJsonParts } from '@/utils/library/export/lede-json';
import { markdownFiles } from '@/utils/library/export/markdown';
import { netscapeBookmarks } from '@/utils/library/export/netscape';
import { zipParts } from '@/utils/library/export/zip';
import { importChunks, openImport, previewImport, type ImportPreview } from '@/utils/library/import/open-import';
import { FORMAT_NAMES, type ImportSource } from '@/utils/library/import/types';
import { formatCount, t, tCount } from '@/utils/i18n';
import { askBackground } from '@/utils/messages';
import { createSavedReader } from '@/utils/storage/saved-store';
import { getSettings } from '@/utils/storage/settings';

const reader = createSavedReader(storage, () => askBackground('library:ready', {}));
const today = () => new Date().toISOString().slice(0, 10);

async function download(parts: AsyncIterable<BlobPart> | BlobPart[], name: string, type: string): Promise<void> {
  const chunks: BlobPart[] = [];
  for await (const p of parts) chunks.push(p);
  const url = URL.createObjectURL(new Blob(chunks, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string }
  | { kind: 'preview'; name: string; source: ImportSource; preview: ImportPreview }
  | { kind: 'importing'; name: string; done: number; total: number }
  | { kind: 'failed'; name: string; message: string };

export function ImportExport(props: { onDone(message: string): void; empty: boolean }) {
  const file = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [withSettings, setWithSettings] = useState(true);
  const [exporting, setExporting] = useState<string | null>(null);

  const show = (next: Stage) => {
    setStage(next);
    if (next.kind !== 'idle' && !dialog.current?.open) dialog.current?.showModal();
    if (next.kind === 'idle') dialog.current?.close();
  };

  const choose = async (f: File) => {
    show({ kind: 'reading', name: f.name });
    try {
      const source = await openImport(f, f.name);
      show({ kind: 'preview', name: f.name, source, preview: await previewImport(source) });
    } catch (e) {
      show({ kind: 'failed', name: f.name, message: t('importCannot', e instanceof Error ? e.message : String(e)) });
    }
  };

  const run = async (name: string, source: ImportSource, preview: ImportPreview) => {
    const importId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    let done = 0;
    show({ kind: 'importing', name, done, total: preview.articles + preview.duplicates });
    try {
      for await (const articles of importChunks(source)) {
        await askBackground('library:import-chunk', { importId, articles });
        done += articles.length;
        setStage({ kind: 'importing', name, done, total: preview.articles + preview.duplicates });
      }
      const outcome = await askBackground('library:import-commit', { importId, settings: withSettings ? source.settings : null });
      show({ kind: 'idle' });
      const parts = [tCount('importImported', outcome.added, name)];
      if (outcome.merged + outcome.unchanged > 0) parts.push(tCount('importAlreadySaved', outcome.merged + outcome.unchanged));
      if (preview.skipped.length > 0) parts.push(tCount('importSkipped', preview.skipped.length));
      if (outcome.settings) parts.push(t('importSettingsRestored'));
      props.onDone(`${parts.join('; ')}.`);
    } catch (e) {
      await askBackground('library:import-abort', { importId }).catch(() => {});
      show({ kind: 'failed', name, message: t('importNothing', e instanceof Error ? e.message : String(e)) });
    }
  };

  const exportAs = async (kind: 'json' | 'markdown' | 'bookmarks') => {
    setExporting(kind);
    try {
      if (kind === 'json') await download(ledeJsonParts(reader, await getSettings()), `lede-library-${today()}.json`, 'application/json');
      else if (kind === 'markdown') await download(zipParts(markdownFiles(reader)) as AsyncIterable<BlobPart>, `lede-library-${today()}.zip`, 'application/zip');
      else await download([netscapeBookmarks(await reader.list())], `lede-bookmarks-${today()}.html`, 'text/html');
    } catch (e) {
      props.onDone(t('exportFailed', e instanceof Error ? e.message : String(e)));
    } finally {
      setExporting(null);
    }
  };

  return (
    <div class="import-export">
      <button type="button" data-testid="library-import" onClick={() => file.current?.click()}>
        {t('importButton')}
      </button>
      <input
        ref={file}
        type="file"
        hidden
        data-testid="library-import-file"
        accept=".json,.csv,.html,.htm,.txt,application/json,text/csv,text/html"
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const f = input.files?.[0];
          input.value = '';
          if (f) void choose(f);
        }}
      />
      <details class="menu" data-testid="library-export">
        <summary aria-disabled={props.empty}>{exporting ? t('exporting') : t('exportButton')}</summary>
        <div class="menu-items">
          <button type="button" data-testid="library-export-json" disabled={props.empty || !!exporting} onClick={() => exportAs('json')}>
            {t('exportJson')}
          </button>
          <button type="button" data-testid="library-export-markdown" disabled={props.empty || !!exporting} onClick={() => exportAs('markdown')}>
            {t('exportMarkdown')}
          </button>
          <button type="button" data-testid="library-export-bookmarks" disabled={props.empty || !!exporting} onClick={() => exportAs('bookmarks')}>
            {t('exportBookmarks')}
          </button>
        </div>
      </details>

      <dialog ref={dialog} class="import-dialog" data-testid="import-dialog" aria-labelledby="import-title" onClose={() => stage.kind !== 'importing' && setStage({ kind: 'idle' })}>
        {stage.kind !== 'idle' && (
          <h2 id="import-title" dir="auto">
            {t('importTitle', stage.name)}
          </h2>
        )}
        {stage.kind === 'reading' && <p role="status">{t('importReading')}</p>}
        {stage.kind === 'preview' && (
          <div data-testid="import-preview">
            <p>
              {FORMAT_NAMES[stage.preview.format]}: <strong data-testid="import-count">{formatCount(stage.preview.articles)}</strong>{' '}
              {tCount('importArticleWord', stage.preview.articles)}
              {stage.preview.withBody > 0 ? tCount('importWithBody', stage.preview.withBody) : ''}.
            </p>
            {stage.preview.withBody < stage.preview.articles && (
              <p class="hint">{t('importLinksHint')}</p>
            )}
            {stage.preview.duplicates > 0 && <p>{tCount('importDuplicates', stage.preview.duplicates)}</p>}
            {stage.preview.skipped.length > 0 && (
              <div class="skipped" data-testid="import-skipped">
                <p>
                  {tCount('importLeftOut', stage.preview.skipped.length)}
                </p>
                <ul>
                  {stage.preview.skipped.slice(0, 20).map((p, i) => (
                    <li key={i}>
                      {p.where}: {p.message}
                    </li>
                  ))}
                  {stage.preview.skipped.length > 20 && <li>{tCount('importAndMore', stage.preview.skipped.length - 20)}</li>}
                </ul>
              </div>
            )}
            {stage.preview.settings && (
              <label class="check">
                <input type="checkbox" checked={withSettings} onChange={(e) => setWithSettings((e.currentTarget as HTMLInputElement).checked)} />
                {t('importRestoreSettings')}
              </label>
            )}
            <p class="hint">{t('importKeepHint')}</p>
            <div class="buttons">
              <button type="button" class="primary" data-testid="import-confirm" onClick={() => run(stage.name, stage.source, stage.preview)}>
                {tCount('importConfirm', stage.preview.articles)}
              </button>
              <button type="button" onClick={() => show({ kind: 'idle' })}>
                {t('cancel')}
              </button>
            </div>
          </div>
        )}
        {stage.kind === 'importing' && (
          <p role="status">
            {t('importing')} <progress max={stage.total} value={stage.done} /> {formatCount(stage.done)} / {formatCount(stage.total)}
          </p>
        )}
        {stage.kind === 'failed' && (
          <div>
            <p class="error" role="alert" data-testid="import-error">
              {stage.message}
            </p>
            <div class="buttons">
              <button type="button" onClick={() => show({ kind: 'idle' })}>
                {t('close')}
              </button>
            </div>
          </div>
        )}
      </dialog>
    </div>
  );
}
