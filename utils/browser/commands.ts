// Keyboard shortcuts (manifest `commands`; the browser lists them in its own shortcut settings, where the reader
// can change them). Opening Lede is the browser's own `_execute_action`; the others land here.
import type { ContentRequests } from '../messages';
import { t } from '../i18n';
import type { Badge } from './badge';
import { toggleSaveTab, type SaveTabDeps, type TabInfo } from './save-tab';

export const COMMANDS = {
  save: 'save-article',
  reader: 'toggle-reader',
  declutter: 'toggle-declutter',
} as const;

export type CommandName = (typeof COMMANDS)[keyof typeof COMMANDS];

export type AskTab = <N extends keyof ContentRequests>(
  tabId: number,
  name: N,
  payload: ContentRequests[N]['request'],
) => Promise<ContentRequests[N]['response']>;

export interface CommandDeps extends SaveTabDeps {
  ask: AskTab;
  badge: Badge;
  /** The active tab of the focused window, for browsers that do not pass it with the command. */
  activeTab(): Promise<TabInfo | undefined>;
}

/** What a command did, for the tests and the console; a failure has already been shown on the badge. */
export type CommandResult =
  | { ok: true; did: 'saved' | 'removed' | 'reader' | 'declutter-on' | 'declutter-off' }
  | { ok: false; error: string };

export function createCommandHandler(deps: CommandDeps) {
  const run = async (command: string, tab: TabInfo): Promise<CommandResult> => {
    const tabId = tab.id!;
    switch (command) {
      case COMMANDS.save: {
        const outcome = await toggleSaveTab(tab, deps);
        if (outcome.kind === 'removed') return { ok: true, did: 'removed' };
        // An article's badge turns into a tick by itself; a saved link has no mark, so say it for a moment.
        if (!outcome.entry.hasBody) await deps.badge.flash(tabId, 'saved', t('badgeSavedLinkTitle'));
        return { ok: true, did: 'saved' };
      }
      case COMMANDS.reader:
        await deps.ask(tabId, 'reader:toggle', {}).catch(() => {
          throw new Error(t('errorCannotReadTab'));
        });
        return { ok: true, did: 'reader' };
      case COMMANDS.declutter: {
        const now = await deps.ask(tabId, 'declutter:get', {}).catch(() => {
          throw new Error(t('errorCannotReadTab'));
        });
        const next = await deps.ask(tabId, 'declutter:set', { enabled: !now.enabled });
        if (next.enabled === now.enabled) throw new Error(t('errorNothingToDeclutter'));
        return { ok: true, did: next.enabled ? 'declutter-on' : 'declutter-off' };
      }
      default:
        throw new Error(`Unknown command ${command}`);
    }
  };

  return async (command: string, given?: TabInfo): Promise<CommandResult> => {
    const tab = given?.id !== undefined ? given : await deps.activeTab();
    if (tab?.id === undefined) return { ok: false, error: t('errorNoTab') };
    try {
      return await run(command, tab);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      await deps.badge.flash(tab.id, 'error', error);
      return { ok: false, error };
    }
  };
}
