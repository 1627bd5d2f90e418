import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_SRC = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_SRC, '..', '..');

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** A server under test: its own process on the benchmark's Node binary, with the probe preloaded. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  resetLoopDelay(): Promise<void>;
  readLoopDelay(): Promise<LoopDelay>;
  stop(): Promise<void>;
}

function ask<T>(child: ChildProcess, message: string, answer: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${answer} from the probe`)), 10_000);
    const listener = (reply: unknown) => {
      if (typeof reply === 'object' && reply && (reply as { probe?: string }).probe === answer) {
        clearTimeout(timer);
        child.off('message', listener);
        resolve(reply as T);
      }
    };
    child.on('message', listener);
    child.send(message);
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up (code ${child.exitCode})`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy`);
}

export async function startServerProcess(options: { name: string; script: string; port: number; env: Record<string, string>; nodeArgs?: string[] }): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = fork(options.script, [], {
    execPath: process.execPath,
    execArgv: ['--import', path.join(BENCH_SRC, 'probe.ts'), ...(options.nodeArgs ?? [])],
    env: { ...process.env, PORT: String(options.port), ...options.env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await waitForHealth(url, child);
  return {
    name: options.name,
    url,
    pid: child.pid!,
    resetLoopDelay: async () => {
      await ask(child, 'probe:reset', 'reset');
    },
    readLoopDelay: () => ask<LoopDelay>(child, 'probe:read', 'read'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
