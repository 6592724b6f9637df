// The reader's settings in a Preact page: read once, then kept current (a change in the options page or another
// window shows at once), and the chosen theme applied to the page.
import { useLayoutEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, getSettings, settingsItem, type Settings, type Theme } from '@/utils/storage/settings';

export function useSettings(): Settings | null {
  const [settings, setSettings] = useState<Settings | null>(null);
  // A layout effect runs as soon as the first render is committed; Preact runs a plain effect only after the
  // page's first paint, and the read would start a frame later (the popup's summary length follows the settings).
  useLayoutEffect(() => {
    let live = true;
    void getSettings().then((s) => live && setSettings(s));
    const unwatch = settingsItem().watch((next) => setSettings({ ...DEFAULT_SETTINGS, ...next }));
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return settings;
}

/** Sets html[data-theme] (see components/theme.css); "system" follows the browser's light or dark scheme. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export function useTheme(settings: Settings | null): void {
  // Before the paint that follows, so that a page never shows a frame in the other theme.
  useLayoutEffect(() => {
    if (settings) applyTheme(settings.theme);
  }, [settings?.theme]);
}
