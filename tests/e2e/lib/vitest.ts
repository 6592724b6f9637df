// describe() blocks that need a real browser: skipped with a printed reason when the browser is missing,
// FAILED when it is missing under CI=true.
import { describe, it } from 'vitest';
import { browserStatus, isCI, type BrowserKind } from './browsers.ts';

export function describeWithBrowser(kind: BrowserKind, name: string, body: () => void): void {
  const status = browserStatus(kind);
  if (status.available) {
    describe(name, body);
  } else if (isCI()) {
    describe(name, () => {
      it(`needs ${status.label} installed (CI=true: a missing browser fails)`, () => {
        throw new Error(status.problem);
      });
    });
  } else {
    console.warn(`[e2e] Skipping "${name}": ${status.problem}`);
    describe.skip(name, body);
  }
}
