// Lede on Chromium's toolbar, as a reader has it. A reader who clicks Lede's button has pinned it: an action that
// is not pinned lives in the extensions menu, and Chrome opens its popup only after animating the button out onto
// the toolbar (its views' AnimatingLayoutManager queues the popup behind the animation: about 250 ms here, before
// the popup's page even starts loading). Chrome keeps the pins in the profile's preferences, so the harness pins
// Lede there before the browser starts; an unpacked extension's id is known from its folder in advance.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Chromium's id for an extension loaded unpacked from `dir` (no "key" in its manifest): from its real path. */
export async function unpackedExtensionId(dir: string): Promise<string> {
  const hex = createHash('sha256').update(await realpath(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('');
}

/** Pins the unpacked extensions in `dirs` to the toolbar of the profile in `profileDir` (before the browser starts). */
export async function pinToToolbar(profileDir: string, dirs: string[]): Promise<void> {
  const file = path.join(profileDir, 'Default', 'Preferences');
  const prefs = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : {};
  const pinned = new Set<string>(prefs.extensions?.pinned_extensions ?? []);
  for (const dir of dirs) pinned.add(await unpackedExtensionId(dir));
  prefs.extensions = { ...prefs.extensions, pinned_extensions: [...pinned] };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(prefs));
}
