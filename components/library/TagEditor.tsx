// Tags for one article or a selection: type a tag (Enter adds it) or pick one of the tags in use, most used
// first; the tags the articles carry can be taken off. Escape closes.
import { useEffect, useRef, useState } from 'preact/hooks';
import { normalizeTag } from '@/utils/library/edits';
import { tagSuggestions } from '@/utils/library/view';
import { t } from '@/utils/i18n';

export function TagEditor(props: {
  /** What is being tagged ("“Title”", "3 articles"). */
  label: string;
  /** Tags the articles carry (any of them). */
  current: string[];
  /** Tag -> how many articles carry it, in the whole library. */
  counts: Record<string, number>;
  onAdd(tag: string): void;
  onRemove(tag: string): void;
  onClose(): void;
}) {
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const suggestions = tagSuggestions(props.counts, props.current, typed);
  const add = (raw: string) => {
    const tag = normalizeTag(raw);
    if (tag) props.onAdd(tag);
    setTyped('');
    input.current?.focus();
  };
  return (
    <div
      class="tag-editor"
      role="dialog"
      aria-label={t('tagEditorLabel', props.label)}
      data-testid="tag-editor"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add(typed);
        }}
      >
        <label>
          <span>{t('tagEditorAdd', props.label)}</span>
          <input
            ref={input}
            type="text"
            data-testid="tag-input"
            value={typed}
            maxLength={50}
            autoComplete="off"
            onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" disabled={!normalizeTag(typed)}>
          {t('tagAdd')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('tagDone')}
        </button>
      </form>
      {suggestions.length > 0 && (
        <p class="suggestions">
          <span>{t('tagInUse')}</span>
          {suggestions.map((tag) => (
            <button type="button" class="tag" data-testid="tag-suggestion" key={tag} onClick={() => add(tag)}>
              {tag} <small>{props.counts[tag]}</small>
            </button>
          ))}
        </p>
      )}
      {props.current.length > 0 && (
        <p class="current">
          <span>{t('tagTagged')}</span>
          {props.current.map((tag) => (
            <button type="button" class="tag" data-testid="tag-current" key={tag} aria-label={t('libraryRemoveTag', tag)} onClick={() => props.onRemove(tag)}>
              {tag} ×
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
