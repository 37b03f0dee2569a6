import { defineConfig } from 'wxt';

/**
 * The public half of a key pair whose private half was thrown away: it gives unpacked builds
 * (npm start, tests) the same extension id everywhere, ogehcpmeklokpjkkgplljfkemjfihkdm, which
 * the worker's record links talk to (EXTENSION_IDS in wrangler.toml). A public key is not a
 * secret. Store builds leave it out (SIDECAR_STORE_BUILD=1): the store assigns the id.
 */
const UNPACKED_KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtQt+BD2NFwWANhs54zn+ysXoIipTQZK5ssrsa2WIurknuOFrsCVCIHDb5sM4lg4FiXcJwrmeFVT33DQAYeWdmHcvfLOGwfb6yClBKy7BiyNvlrQcbZSz5I+6xpHnIKcVpUZxv9M/iNW3sglGPGgAXIDb0viALBRfZ22s8PqINtwHxfyMp5GH8D1QhcMooea8pbbPaAAIev7B7T/RNHCdX0aAqP1F1nsrjd+br7j6uzBaQgkQNs27iMxL7EXbt+peZWNWJQHZMkq4aOKIW/TJ6cxYoJFioKpDmiRxNPZzQMpeTpLkbZL0kQTbKGfyYfbGC8lUc6oGdPObS5T9Nk9EmwIDAQAB';

/** The API's host as a match pattern, so its pages (digest record links) may message the extension. */
function apiPagePatterns(): string[] {
  const api = new URL(process.env.WXT_API_URL ?? 'http://127.0.0.1:8787');
  return [...new Set([`${api.protocol}//${api.hostname}/*`, 'http://127.0.0.1/*', 'http://localhost/*'])];
}

// The extension lives in extension/; the API URL is baked in at build time from WXT_API_URL
// (default http://127.0.0.1:8787) and can be changed on the connect screen.
export default defineConfig({
  srcDir: 'extension',
  // Icons and other files copied as they are (WXT resolves this from the root, not srcDir).
  publicDir: 'extension/public',
  modules: ['@wxt-dev/module-react'],
  imports: false,
  webExt: { disabled: true },
  // Tests and benchmarks build into their own folder so they never clobber a running npm start.
  outDir: process.env.SIDECAR_OUT_DIR ?? '.output',
  // The bench page (extension/entrypoints/bench) ships only in benchmark builds. List every
  // product entrypoint here when adding one.
  filterEntrypoints: process.env.SIDECAR_BENCH ? undefined : ['background', 'sidepanel', 'dashboard', 'capture-reader', 'webmail'],
  hooks: {
    // WXT grants a runtime-registered content script's hosts up front; ours must stay optional.
    // The dev build (npm start) keeps the one host WXT adds for its dev server: without it the
    // side panel cannot load its modules from there (CORS) and stays blank.
    'build:manifestGenerated': (wxt, manifest) => {
      const devServer = wxt.server ? `${new URL(wxt.server.origin).protocol}//${new URL(wxt.server.origin).hostname}/*` : undefined;
      const keep = [...(process.env.WXT_CAPTURE_HOSTS?.split(',') ?? []), ...(devServer ? [devServer] : [])];
      manifest.host_permissions = (manifest.host_permissions ?? []).filter((host: string) => keep.includes(host));
      if (manifest.host_permissions.length === 0) delete manifest.host_permissions;
      if (manifest.content_scripts?.length === 0) delete manifest.content_scripts;
    },
  },
  manifest: () => ({
    name: 'Sidecar CRM',
    description: 'A sales-process CRM in your side panel: capture leads from webmail and the web, follow up, move deals.',
    // Least privilege. The API answers CORS, so reaching it needs no host permission. activeTab +
    // scripting read the one tab the user captures from; Gmail and Outlook are optional hosts,
    // asked for when the user turns on the in-page button there. No "storage": the cache, the
    // token and settings live in the extension's own IndexedDB, out of content scripts' reach.
    // notifications: follow-up reminders (shown from the local cache, offline too).
    permissions: ['sidePanel', 'alarms', 'activeTab', 'scripting', 'contextMenus', 'notifications'],
    icons: { 16: 'icon-16.png', 32: 'icon-32.png', 48: 'icon-48.png', 128: 'icon-128.png' },
    optional_host_permissions: ['https://mail.google.com/*', 'https://outlook.office.com/*', 'https://outlook.live.com/*', 'https://outlook.office365.com/*'],
    // Test builds only: fixture pages stand in for webmail (see tests/e2e/capture.e2e.test.ts).
    ...(process.env.WXT_CAPTURE_HOSTS ? { host_permissions: process.env.WXT_CAPTURE_HOSTS.split(',') } : {}),
    action: { default_title: 'Open Sidecar' },
    // Only the API's own pages may send messages (open a record from a digest link); no website can.
    externally_connectable: { matches: apiPagePatterns() },
    ...(process.env.SIDECAR_STORE_BUILD ? {} : { key: UNPACKED_KEY }),
    side_panel: { default_path: 'sidepanel.html' },
    commands: {
      'capture-lead': { suggested_key: { default: 'Alt+Shift+L' }, description: 'Capture a lead from this tab' },
    },
  }),
});
