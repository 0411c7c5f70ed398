// A throwaway PostgreSQL server for a test file: Debian's own binaries (`.ci/run` installs the
// package where it is missing), a cluster in a temporary directory, trust authentication on
// 127.0.0.1 only, stopped and removed after. As root, the server runs as the `postgres` user
// (PostgreSQL refuses to run as root). Scripts run through psql, as a user would run them.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Postgres {
	port: number;
	/** Runs a script file whole with psql (stops at the first error, which it throws). */
	runFile(file: string): void;
	/** Runs one statement (psql meta-commands such as \copy included). */
	run(sql: string): void;
	/** The rows of a query, read through JSON so doubles come back exactly. */
	rows(query: string): Record<string, unknown>[];
	/** A directory the server and the test can both read and write. */
	dir: string;
	stop(): void;
}

function binDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => +b - +a) : [];
	const bin = versions.map((v) => path.join(root, v, 'bin')).find((b) => existsSync(`${b}/initdb`));
	if (!bin)
		throw new Error(
			'PostgreSQL is not installed: run `apt-get install -y postgresql` (.ci/run does it).'
		);
	return bin;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export async function startPostgres(): Promise<Postgres> {
	const bin = binDir();
	const dir = mkdtempSync(path.join(tmpdir(), 'pg-'));
	chmodSync(dir, 0o777);
	const isRoot = process.getuid?.() === 0;
	const asServer = (cmd: string, args: string[]) =>
		isRoot
			? execFileSync('runuser', ['-u', 'postgres', '--', `${bin}/${cmd}`, ...args], {
					stdio: 'pipe'
				})
			: execFileSync(`${bin}/${cmd}`, args, { stdio: 'pipe' });
	const data = path.join(dir, 'data');
	asServer('initdb', ['-D', data, '-A', 'trust', '-U', 'tester', '--no-sync']);
	const port = await freePort();
	const ctl = (...args: string[]) => asServer('pg_ctl', ['-D', data, ...args]);
	ctl(
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
		'-l',
		path.join(dir, 'log'),
		'-w',
		'start'
	);
	const psql = (args: string[]) => {
		try {
			return execFileSync(
				`${bin}/psql`,
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					'tester',
					'-d',
					'postgres',
					'-X',
					'-q'
				].concat(['-v', 'ON_ERROR_STOP=1'], args),
				{ encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] }
			);
		} catch (e) {
			const err = e as { stderr?: string; message: string };
			throw new Error(`psql: ${err.stderr || err.message}`, { cause: e });
		}
	};
	let scripts = 0;
	return {
		port,
		dir,
		runFile: (file) => void psql(['-f', file]),
		run(sql) {
			const file = path.join(dir, `statement-${scripts++}.sql`);
			writeFileSync(file, sql + '\n');
			psql(['-f', file]);
		},
		rows(query) {
			const out = psql(['-At', '-c', `SELECT coalesce(json_agg(q), '[]') FROM (${query}) AS q`]);
			return JSON.parse(out) as Record<string, unknown>[];
		},
		stop() {
			try {
				ctl('-m', 'fast', '-w', 'stop');
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
