import { defineConfig } from 'wxt';

// The extension lives in extension/; the API URL is baked in at build time from WXT_API_URL
// (default http://127.0.0.1:8787) and can be changed on the connect screen.
export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/module-react'],
  imports: false,
  webExt: { disabled: true },
  // Tests and benchmarks build into their own folder so they never clobber a running npm start.
  outDir: process.env.SIDECAR_OUT_DIR ?? '.output',
  // The bench page (extension/entrypoints/bench) ships only in benchmark builds. List every
  // product entrypoint here when adding one.
  filterEntrypoints: process.env.SIDECAR_BENCH ? undefined : ['background', 'sidepanel'],
  manifest: {
    name: 'Sidecar CRM',
    description: 'A sales-process CRM in your side panel: capture leads from webmail and the web, follow up, move deals.',
    // Least privilege: the API answers CORS, so no host permission is needed to reach it.
    permissions: ['sidePanel', 'alarms'],
    action: { default_title: 'Open Sidecar' },
    side_panel: { default_path: 'sidepanel.html' },
  },
});
