import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';

interface Command {
  name?: string;
  description?: string;
  shortcut?: string;
}

/** The shortcuts as the browser has them now; they are changed in the browser's own shortcut settings. */
export function ShortcutList() {
  const [commands, setCommands] = useState<Command[] | null>(null);
  useEffect(() => {
    void browser.commands.getAll().then(setCommands, () => setCommands([]));
  }, []);
  const firefox = import.meta.env.FIREFOX;
  return (
    <div class="shortcuts">
      {commands && (
        <table data-testid="shortcuts">
          <tbody>
            {commands.map((c) => (
              <tr>
                <th scope="row">{c.description || t('commandOpen')}</th>
                <td>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="hint">{t('optionsNoShortcut')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">{firefox ? t('optionsShortcutsHowFirefox') : t('optionsShortcutsHowChrome')}</p>
      <button type="button" onClick={openShortcutSettings}>
        {t('optionsShortcutsOpen')}
      </button>
    </div>
  );
}

/** Firefox opens its Manage Extension Shortcuts page itself; Chrome's page is a chrome:// address. */
function openShortcutSettings() {
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
  if (commands.openShortcutSettings) void commands.openShortcutSettings();
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
