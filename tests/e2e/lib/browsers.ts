// Finding the two browsers, and what to do when one is missing.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export type BrowserKind = 'chromium' | 'firefox';

const SPEC = {
  chromium: { label: 'Chromium', env: 'CHROMIUM_PATH', names: ['chromium', 'chromium-browser'], apt: 'chromium' },
  firefox: { label: 'Firefox ESR', env: 'FIREFOX_PATH', names: ['firefox-esr', 'firefox'], apt: 'firefox-esr' },
} as const;

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `command -v name`. */
export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

export interface BrowserStatus {
  kind: BrowserKind;
  label: string;
  available: boolean;
  executablePath: string | null;
  /** Why it is missing and how to install it (empty when available). */
  problem: string;
}

/** Where the browser is: $CHROMIUM_PATH / $FIREFOX_PATH if set, else the first of its names on PATH. */
export function browserStatus(kind: BrowserKind): BrowserStatus {
  const spec = SPEC[kind];
  const fromEnv = process.env[spec.env];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return { kind, label: spec.label, available: true, executablePath: fromEnv, problem: '' };
    return {
      kind,
      label: spec.label,
      available: false,
      executablePath: null,
      problem:
        `${spec.label} not found: ${spec.env}=${fromEnv} is not an executable file. Unset it to use ` +
        `\`${spec.names[0]}\` from PATH (install: sudo apt-get install chromium firefox-esr), or point it at the browser.`,
    };
  }
  for (const name of spec.names) {
    const found = which(name);
    if (found) return { kind, label: spec.label, available: true, executablePath: found, problem: '' };
  }
  return {
    kind,
    label: spec.label,
    available: false,
    executablePath: null,
    problem:
      `${spec.label} not found (looked for ${spec.names.map((n) => `\`${n}\``).join(' or ')} on PATH, and $${spec.env}). ` +
      `Install it with: sudo apt-get install ${spec.apt}   (both: sudo apt-get install chromium firefox-esr), ` +
      `or set ${spec.env} to the browser's executable.`,
  };
}

export function isCI(): boolean {
  const ci = (process.env.CI ?? '').toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}

/** The executable path, or a thrown Error that says which browser is missing and how to install it. */
export function requireBrowser(kind: BrowserKind): string {
  const status = browserStatus(kind);
  if (!status.executablePath) throw new Error(status.problem);
  return status.executablePath;
}

/** Whether a display is available for a headed browser. */
export function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
