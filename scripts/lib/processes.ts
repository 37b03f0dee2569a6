import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = `${ROOT}node_modules/.bin`;
/** Local tools never phone home from this project. */
export const QUIET_ENV = { ...process.env, PATH: `${BIN}:${process.env.PATH ?? ''}`, WRANGLER_SEND_METRICS: 'false', CI: process.env.CI ?? 'true', NO_COLOR: '1' };

export interface Started {
  child: ChildProcess;
  stop: () => Promise<void>;
  output: () => string;
}

/**
 * Starts a project binary in its own process group so that stopping it also stops what it
 * spawned (wrangler leaves workerd running if only the parent is signalled).
 */
export function startInGroup(bin: string, args: string[], options: { env?: NodeJS.ProcessEnv; echo?: boolean | Echo } = {}): Started {
  const child = spawn(`${BIN}/${bin}`, args, { cwd: ROOT, env: { ...QUIET_ENV, ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    log = (log + text).slice(-200_000);
    if (options.echo === true) process.stdout.write(text);
    else if (options.echo) echoLines(options.echo, text);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  return { child, stop, output: () => log };
}

/** Echo a child's output line by line, prefixed, keeping only the lines `keep` accepts. */
export interface Echo {
  prefix: string;
  keep?: (line: string) => boolean;
}

function echoLines(echo: Echo, text: string): void {
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || (echo.keep && !echo.keep(line))) continue;
    process.stdout.write(`${echo.prefix} ${line}\n`);
  }
}

export function runBin(bin: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): string {
  const result = spawnSync(`${BIN}/${bin}`, args, { cwd: ROOT, env: { ...QUIET_ENV, ...options.env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: options.timeoutMs, killSignal: 'SIGKILL' });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new TimedOut(`${bin} ${args.slice(0, 3).join(' ')} did not finish within ${options.timeoutMs} ms`);
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export class TimedOut extends Error {}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function waitFor(url: string, timeoutMs = 60_000, started?: Started): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started && started.child.exitCode !== null) throw new Error(`process exited before ${url} answered:\n${started.output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms${started ? `:\n${started.output()}` : ''}`);
}
