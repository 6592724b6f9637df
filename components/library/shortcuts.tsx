// The library's keyboard: every control is reachable with Tab; these keys save the trips. They act on the
// selection, else on the article that has the focus, and stay out of the way while typing in a field.
import { useEffect, useRef } from 'preact/hooks';

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

const KEYS: [keys: string, what: string][] = [
  ['/', 'search'],
  ['j / k', 'next / previous article'],
  ['x', 'select'],
  ['m', 'mark read / unread'],
  ['e', 'archive / unarchive'],
  ['t', 'tag'],
  ['Delete or #', 'delete'],
  ['z', 'undo delete'],
  ['Esc', 'close, clear selection, clear search'],
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
      <summary>Keyboard</summary>
      <dl>
        {KEYS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
