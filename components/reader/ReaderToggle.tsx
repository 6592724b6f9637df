// The companion's "Reader view" button: opens the reader view over the tab's page, or closes it. From the toolbar
// popup, the popup gets out of the way (or, opened as a tab, hands over to the page's tab) so the story shows.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { askTab, type ReaderState } from '@/utils/messages';

/** `known`: the reader's state as the companion's answer about the page gave it (asked here when null). */
export function ReaderToggle(props: {
  tabId: number;
  mode: 'popup' | 'panel';
  known: ReaderState | null;
  onError(message: string): void;
}) {
  const [open, setOpen] = useState(props.known?.open ?? false);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      askTab(props.tabId, 'reader:get', {}).then(
        (s) => live && setOpen(s.open),
        () => {},
      );
    if (props.known) setOpen(props.known.open);
    else void refresh();
    // The side panel stays open while the reader leaves the view with Esc on the page: ask again on coming back.
    window.addEventListener('focus', refresh);
    return () => {
      live = false;
      window.removeEventListener('focus', refresh);
    };
  }, [props.tabId, props.known]);

  const toggle = async () => {
    try {
      const state = await askTab(props.tabId, 'reader:toggle', {});
      setOpen(state.open);
      if (!state.open || props.mode !== 'popup') return;
      if (new URLSearchParams(location.search).has('tab')) await browser.tabs.update(props.tabId, { active: true });
      else window.close();
    } catch (e) {
      props.onError(`${t('errorCouldNotOpenReader')}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <button type="button" data-testid="reader-toggle" aria-pressed={open} onClick={toggle}>
      {open ? t('readerClose') : t('readerOpen')}
    </button>
  );
}
