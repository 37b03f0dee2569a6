import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('./pages', import.meta.url));

/** Serves tests/e2e/pages on 127.0.0.1 and a free port. */
export async function serveFixturePages(): Promise<{ url: (page: string) => string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const name = (req.url ?? '/').split('?')[0]!.replace(/^\/+/, '');
    if (!/^[\w-]+\.html$/.test(name)) return void res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await readFile(join(PAGES, name)));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: (page) => `http://127.0.0.1:${port}/${page}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
