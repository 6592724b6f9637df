// What the content script is handed instead of WXT's ContentScriptContext (wxt.config.ts points WXT's import here
// for the content script's build). WXT's context announces each new copy of the script on the page: an event on the
// document and a message to the window, both named after the extension's id, which is public (the store's id in
// Chrome, the add-on id in Firefox), so any site could listen for them and learn that Lede is installed. They are
// there so that an older copy of the script can stop what it registered through the context; Lede registers
// nothing through it (its main() never reads the context), and the browsers never run two copies of it in one
// page (Chrome injects the new copy only into pages loaded after an update; Firefox unloads the old copy with the
// old version). The announcement also cost every page 0.6 ms of its main thread (30 non-article pages, median).

export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
