import { describe, expect, it } from 'vitest';
import { pipelined } from '../../src/lib/readers/pipeline';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('pipelined(take)', () => {
	it('hands batches over in order, one in flight while the next is made', async () => {
		const log: string[] = [];
		let inFlight = 0;
		const p = pipelined(async (k: number) => {
			inFlight++;
			expect(inFlight).toBe(1);
			log.push(`start ${k}`);
			await tick();
			log.push(`end ${k}`);
			inFlight--;
		});
		for (let k = 0; k < 3; k++) {
			await p.send(k);
			log.push(`sent ${k}`);
		}
		await p.finish();
		expect(log).toEqual([
			'start 0',
			'sent 0',
			'end 0',
			'start 1',
			'sent 1',
			'end 1',
			'start 2',
			'sent 2',
			'end 2'
		]);
	});

	it('fails the next send, and finish, with the first failure', async () => {
		const p = pipelined(async (k: number) => {
			await tick();
			if (k === 1) throw new Error('insert 1 failed');
		});
		await p.send(0);
		await p.send(1);
		await expect(p.send(2)).rejects.toThrow('insert 1 failed');
		await expect(p.finish()).rejects.toThrow('insert 1 failed');
	});

	it('finish waits for the last batch', async () => {
		let done = false;
		const p = pipelined(async () => {
			await tick();
			done = true;
		});
		await p.send();
		expect(done).toBe(false);
		await p.finish();
		expect(done).toBe(true);
	});
});
