// The e2e harness: import everything from here.
export * from './browsers.ts';
export * from './chromium.ts';
export * from './eventually.ts';
export * from './firefox.ts';
export * from './network.ts';
export * from './paths.ts';
export * from './proxy.ts';
export * from './server.ts';
export * from './toolbar-pin.ts';
export type * from './types.ts';

import { launchChromium } from './chromium.ts';
import { launchFirefox } from './firefox.ts';
import type { BrowserKind } from './browsers.ts';
import type { ExtensionBrowser, LaunchOptions } from './types.ts';

/** launchChromium or launchFirefox by name. */
export function launchBrowser(kind: BrowserKind, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  return kind === 'chromium' ? launchChromium(options) : launchFirefox(options);
}
