// Settings apply to open pages without a reload: when a change (auto-declutter, a site rule) turns the declutter
// decision for this page around, the page follows. A change that leaves the decision as it was leaves the page as
// the reader set it from the popup.
import { DEFAULT_SETTINGS, settingsItem, shouldDeclutter, type Settings } from '../storage/settings';

type SettingsWatch = ReturnType<typeof settingsItem>['watch'];

export function followDeclutterSettings(
  url: string,
  initial: Settings,
  setDeclutter: (enabled: boolean) => Promise<unknown>,
  watch: SettingsWatch = (cb) => settingsItem().watch(cb),
): () => void {
  let wanted = shouldDeclutter(initial, url);
  return watch((next) => {
    const decision = shouldDeclutter({ ...DEFAULT_SETTINGS, ...next }, url);
    if (decision === wanted) return;
    wanted = decision;
    void setDeclutter(decision).catch((e) => console.warn('Lede: declutter did not follow the settings', e));
  });
}
