import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@gatehouse/embedded-postgres';
import { childEnvironment, haproxyPath } from '../env.ts';
import { haproxyConfig } from './haproxy-config.ts';

const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** HAProxy checks each process's readiness this often and takes it out after one failure. */
export const HEALTH_CHECK_MS = 250;

export interface ClusterOptions {
  /** Api processes behind the balancer. */
  processes: number;
  /** Where the balancer listens; PUBLIC_URL follows it. */
  port: number;
  databaseUrl: string;
  /** Shared by every process: sessions, links and TOTP secrets must read the same everywhere. */
  appSecret: string;
  /** Shared by every process: the SMTP server all mail goes to. */
  smtpUrl: string;
  /** More environment for every process. */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

interface Member {
  port: number;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/**
 * N api processes on one PostgreSQL behind HAProxy from Debian's packages:
 * the balancer checks `/readyz`, so a process that begins to drain (SIGTERM)
 * stops getting requests before its listener closes (SHUTDOWN_DELAY is three
 * health-check intervals), and a restarted one gets them back once ready.
 */
export class Cluster {
  readonly #options: ClusterOptions;
  readonly #members: Member[] = [];
  #haproxy: ChildProcess | null = null;
  #dir = '';

  constructor(options: ClusterOptions) {
    this.#options = options;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#options.port}`;
  }

  get pids(): number[] {
    return this.#members.map((member) => member.child.pid ?? 0);
  }

  async start(): Promise<void> {
    if (!existsSync(haproxyPath())) throw new Error(`HAProxy is not installed (${haproxyPath()}): apt-get install haproxy, or set HAPROXY_PATH`);
    this.#dir = await mkdtemp(path.join(tmpdir(), 'gatehouse-cluster-'));
    const ports = await Promise.all(Array.from({ length: this.#options.processes }, () => freePort()));
    // Started one after another: the first applies any pending migrations, the others find none.
    for (const port of ports) this.#members.push(await this.#startProcess(port));
    const config = path.join(this.#dir, 'haproxy.cfg');
    await writeFile(config, haproxyConfig({ port: this.#options.port, backends: ports, healthCheckMs: HEALTH_CHECK_MS }));
    this.#haproxy = spawn(haproxyPath(), ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#haproxy.stderr?.on('data', (chunk: Buffer) => this.#options.log?.(`haproxy: ${chunk.toString().trim()}`));
    await this.#waitUntilBalanced();
  }

  /**
   * Restarts every process in turn, one at a time: SIGTERM (it drains and
   * exits 0), a new process on the same port, and the next only once the
   * balancer sends it requests again.
   */
  async rollingRestart(): Promise<void> {
    for (let index = 0; index < this.#members.length; index++) {
      const member = this.#members[index]!;
      member.child.kill('SIGTERM');
      const code = await member.exited;
      if (code !== 0) throw new Error(`api process on port ${member.port} exited with ${code}`);
      this.#members[index] = await this.#startProcess(member.port);
      // Rise 1: up at the next successful check; two intervals leave room for it.
      await new Promise((resolve) => setTimeout(resolve, 2 * HEALTH_CHECK_MS));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.#members.map(async (member) => {
        member.child.kill('SIGTERM');
        await member.exited;
      }),
    );
    this.#haproxy?.kill('SIGTERM');
    if (this.#haproxy && this.#haproxy.exitCode === null) await new Promise((resolve) => this.#haproxy!.once('exit', resolve));
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
  }

  async #startProcess(port: number): Promise<Member> {
    const options = this.#options;
    const child = spawn(process.execPath, ['src/main.ts'], {
      cwd: APP_ROOT,
      env: childEnvironment({
        PORT: String(port),
        PUBLIC_URL: `http://localhost:${options.port}`,
        DATABASE_URL: options.databaseUrl,
        APP_SECRET: options.appSecret,
        SMTP_URL: options.smtpUrl,
        TRUST_PROXY: '1',
        SHUTDOWN_DELAY: `${3 * HEALTH_CHECK_MS}ms`,
        SEED_DEMO: 'false',
        ...options.env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      options.log?.(`api:${port}: ${chunk.toString().trim()}`);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + 30_000;
    while (!(await isReady(port))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`api process on port ${port} did not become ready: ${output.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { port, child, exited };
  }

  async #waitUntilBalanced(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (await fetch(`${this.url}/readyz`).then((response) => response.ok, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('HAProxy did not start balancing');
  }
}

async function isReady(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/readyz`).then((response) => response.ok, () => false);
}
