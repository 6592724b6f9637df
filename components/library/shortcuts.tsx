// The library's keyboard: every control is reachable with Tab; these keys save the trips. They act on the
// selection, else on the article that has the focus, and stay out of the way while typing in a field.
import { useEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';

export interface ShortcutHandlers {
  search(): void;
  move(by: 1 | -1): void;
  select(): void;
  read(): void;
  archive(): void;
  tag(): void;
  remove(): void;
  undo(): void;
  escape(): void;
}

const KEYS: [keys: string, what: MessageKey][] = [
  ['/', 'shortcutSearch'],
  ['j / k', 'shortcutMove'],
  ['x', 'shortcutSelect'],
  ['m', 'shortcutRead'],
  ['e', 'shortcutArchive'],
  ['t', 'shortcutTag'],
  ['Delete / #', 'shortcutDelete'],
  ['z', 'shortcutUndo'],
  ['Esc', 'shortcutEscape'],
];

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) && !(target instanceof HTMLInputElement && target.type === 'checkbox');

export function useShortcuts(handlers: ShortcutHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const h = current.current;
      if (e.key === 'Escape') {
        if (document.querySelector('dialog[open]')) return;
        h.escape();
        return;
      }
      if (typing(e.target)) return;
      const run: Record<string, () => void> = {
        '/': h.search,
        j: () => h.move(1),
        k: () => h.move(-1),
        x: h.select,
        m: h.read,
        e: h.archive,
        t: h.tag,
        Delete: h.remove,
        '#': h.remove,
        z: h.undo,
      };
      const action = run[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

export function Shortcuts() {
  return (
    <details class="shortcuts">
      <summary>{t('libraryKeyboard')}</summary>
      <dl>
        {KEYS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
