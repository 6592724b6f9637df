import { useEffect, useRef, useState } from 'preact/hooks';
import { useSettings, useTheme } from '@/components/settings-hooks';
import { ShortcutList } from './ShortcutList';
import { t } from '@/utils/i18n';
import {
  DEFAULT_SETTINGS,
  siteKey,
  SUMMARY_SENTENCES,
  updateSettings,
  type Settings,
  type SiteRule,
  type SummaryLength,
  type Theme,
} from '@/utils/storage/settings';
import { clampSetting, parseSite, READER_FONT_SIZES, KEY_QUOTES_RANGE } from './fields';

const SUMMARY_LENGTHS: SummaryLength[] = ['short', 'medium', 'long'];
const THEMES: Theme[] = ['system', 'light', 'dark', 'sepia'];
const THEME_LABEL = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark', sepia: 'themeSepia' } as const;
const LENGTH_LABEL = { short: 'summaryShort', medium: 'summaryMedium', long: 'summaryLong' } as const;

// One change after the other: each reads the settings and writes them back, so two quick clicks must not overlap
// (the second would write the first's field back as it was).
let writes: Promise<unknown> = Promise.resolve();
const inTurn = (patch: Partial<Settings>) => {
  const write = writes.then(() => updateSettings(patch));
  writes = write.catch(() => undefined);
  return write;
};

export function App() {
  const settings = useSettings();
  useTheme(settings);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  const save = async (patch: Partial<Settings>) => {
    setFailure(null);
    try {
      await inTurn(patch);
      setStatus(t('optionsSaved'));
    } catch (e) {
      setFailure(`${t('optionsNotSaved')}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  if (!settings) return <main class="options" aria-busy="true" />;

  return (
    <main class="options">
      <header>
        <h1>{t('optionsTitle')}</h1>
        <p class="lead">{t('optionsLead')}</p>
      </header>

      <section aria-labelledby="pages-heading">
        <h2 id="pages-heading">{t('optionsPagesHeading')}</h2>
        <label class="check">
          <input
            type="checkbox"
            data-testid="auto-declutter"
            checked={settings.autoDeclutter}
            onChange={(e) => save({ autoDeclutter: e.currentTarget.checked })}
          />
          <span>
            {t('optionsAutoDeclutter')}
            <small>{t('optionsAutoDeclutterHint')}</small>
          </span>
        </label>
        <SiteRules rules={settings.siteRules} onChange={(siteRules) => save({ siteRules })} />
      </section>

      <section aria-labelledby="companion-heading">
        <h2 id="companion-heading">{t('optionsCompanionHeading')}</h2>
        <fieldset>
          <legend>{t('optionsSummaryLength')}</legend>
          <div class="choices">
            {SUMMARY_LENGTHS.map((length) => (
              <label>
                <input
                  type="radio"
                  name="summary-length"
                  value={length}
                  data-testid={`summary-length-${length}`}
                  checked={settings.summaryLength === length}
                  onChange={() => save({ summaryLength: length })}
                />
                {t(LENGTH_LABEL[length], SUMMARY_SENTENCES[length])}
              </label>
            ))}
          </div>
        </fieldset>
        <NumberField
          label={t('optionsKeyQuotes')}
          hint={t('optionsKeyQuotesHint')}
          testid="key-quotes"
          value={settings.keyQuotes}
          range={KEY_QUOTES_RANGE}
          onCommit={(keyQuotes) => save({ keyQuotes })}
        />
      </section>

      <section aria-labelledby="look-heading">
        <h2 id="look-heading">{t('optionsLookHeading')}</h2>
        <fieldset>
          <legend>{t('optionsTheme')}</legend>
          <div class="choices">
            {THEMES.map((theme) => (
              <label>
                <input
                  type="radio"
                  name="theme"
                  value={theme}
                  data-testid={`theme-${theme}`}
                  checked={settings.theme === theme}
                  onChange={() => save({ theme })}
                />
                {t(THEME_LABEL[theme])}
              </label>
            ))}
          </div>
        </fieldset>
        <NumberField
          label={t('optionsReaderFontSize')}
          hint={t('optionsReaderFontSizeHint')}
          testid="reader-font-size"
          value={settings.readerFontSize}
          range={READER_FONT_SIZES}
          onCommit={(readerFontSize) => save({ readerFontSize })}
        />
        <p class="sample" style={{ fontSize: `${settings.readerFontSize}px` }} aria-hidden="true">
          {t('optionsReaderSample')}
        </p>
      </section>

      <section aria-labelledby="keys-heading">
        <h2 id="keys-heading">{t('optionsShortcutsHeading')}</h2>
        <ShortcutList />
      </section>

      <footer>
        <ResetButton onReset={() => save(DEFAULT_SETTINGS)} />
        <p class="status" role="status" data-testid="settings-status">
          {status}
        </p>
        {failure && (
          <p class="error" role="alert">
            {failure}
          </p>
        )}
      </footer>
    </main>
  );
}

/** A number typed or stepped; out-of-range or empty input is put back into range, with a word why. */
function NumberField(props: {
  label: string;
  hint: string;
  testid: string;
  value: number;
  range: { min: number; max: number };
  onCommit(value: number): void;
}) {
  const [draft, setDraft] = useState(String(props.value));
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => setDraft(String(props.value)), [props.value]);
  const id = `field-${props.testid}`;
  const commit = () => {
    const { value, adjusted } = clampSetting(draft, props.range, props.value);
    setDraft(String(value));
    setNote(adjusted ? t('optionsNumberAdjusted', [props.range.min, props.range.max]) : null);
    if (value !== props.value) props.onCommit(value);
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        data-testid={props.testid}
        min={props.range.min}
        max={props.range.max}
        value={draft}
        aria-describedby={`${id}-hint`}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      <small id={`${id}-hint`}>{note ?? props.hint}</small>
    </div>
  );
}

function SiteRules({ rules, onChange }: { rules: Record<string, SiteRule>; onChange(rules: Record<string, SiteRule>): void }) {
  const [site, setSite] = useState('');
  const [rule, setRule] = useState<SiteRule>('never');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const sites = Object.keys(rules).sort((a, b) => a.localeCompare(b));

  const add = (e: Event) => {
    e.preventDefault();
    const key = parseSite(site, siteKey);
    if (!key) {
      setProblem(t('optionsSiteInvalid'));
      input.current?.focus();
      return;
    }
    setProblem(null);
    setSite('');
    onChange({ ...rules, [key]: rule });
  };
  const remove = (key: string) => {
    const next = { ...rules };
    delete next[key];
    onChange(next);
  };

  return (
    <div class="site-rules">
      <h3 id="site-rules-heading">{t('optionsSiteRules')}</h3>
      <p class="hint">{t('optionsSiteRulesHint')}</p>
      {sites.length === 0 ? (
        <p class="empty">{t('optionsSiteRulesEmpty')}</p>
      ) : (
        <ul aria-labelledby="site-rules-heading">
          {sites.map((key) => (
            <li data-testid="site-rule-row" key={key}>
              <span class="site" dir="ltr">
                {key}
              </span>
              <select
                aria-label={t('optionsSiteRuleFor', key)}
                value={rules[key]}
                onChange={(e) => onChange({ ...rules, [key]: e.currentTarget.value as SiteRule })}
              >
                <option value="always">{t('siteRuleAlways')}</option>
                <option value="never">{t('siteRuleNever')}</option>
              </select>
              <button type="button" data-testid="site-rule-remove" aria-label={t('optionsSiteRemove', key)} onClick={() => remove(key)}>
                {t('optionsRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="add-rule" onSubmit={add}>
        <label for="new-site">{t('optionsSiteAddLabel')}</label>
        <input
          id="new-site"
          ref={input}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          placeholder="example.com"
          data-testid="site-rule-host"
          value={site}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'new-site-problem' : undefined}
          onInput={(e) => setSite(e.currentTarget.value)}
        />
        <select aria-label={t('optionsSiteRuleNew')} data-testid="site-rule-new" value={rule} onChange={(e) => setRule(e.currentTarget.value as SiteRule)}>
          <option value="always">{t('siteRuleAlways')}</option>
          <option value="never">{t('siteRuleNever')}</option>
        </select>
        <button type="submit" data-testid="site-rule-add">
          {t('optionsAdd')}
        </button>
        {problem && (
          <p id="new-site-problem" class="error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </div>
  );
}

/** Back to the defaults, after a confirmation (Esc or Cancel leaves everything as it is). */
function ResetButton({ onReset }: { onReset(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" data-testid="reset-settings" onClick={() => dialog.current?.showModal()}>
        {t('optionsReset')}
      </button>
      <dialog ref={dialog} aria-labelledby="reset-heading" data-testid="reset-dialog">
        <form method="dialog" onSubmit={(e) => (e.submitter as HTMLButtonElement | null)?.value === 'reset' && onReset()}>
          <h2 id="reset-heading">{t('optionsResetQuestion')}</h2>
          <p>{t('optionsResetText')}</p>
          <div class="dialog-actions">
            <button value="cancel" autoFocus>
              {t('cancel')}
            </button>
            <button value="reset" class="primary" data-testid="reset-confirm">
              {t('optionsResetConfirm')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
