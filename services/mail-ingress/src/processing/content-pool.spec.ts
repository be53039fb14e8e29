import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ContentWorkerPool, ProcessingBudgetError } from './content-pool';
import { MalformedMailError } from './parse-mail';

// A stand-in for content-worker.js (which runs from the build): its behaviour is chosen by the bytes it gets.
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (raw) => {
  const text = Buffer.from(raw).toString();
  if (text === 'spin') { for (;;) {} }
  if (text === 'hog') { const kept = []; for (;;) { kept.push(new Array(1e6).fill(kept.length)); } }
  if (text === 'malformed') { return parentPort.postMessage({ ok: false, malformed: true, message: 'no header' }); }
  parentPort.postMessage({
    ok: true,
    content: {
      replyText: text,
      attachments: [{ filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('file') }],
      copied: [],
    },
  });
});
`;

describe(ContentWorkerPool.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'content-pool-'));
  const script = join(dir, 'worker.js');
  writeFileSync(script, WORKER);
  let pool: ContentWorkerPool;

  beforeEach(() => {
    pool = new ContentWorkerPool({ script, workers: 2, timeoutMs: 1_000, maxMemoryMb: 32, idleMs: 60_000 });
  });

  afterEach(() => pool.onModuleDestroy());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads many messages on its warm workers, transferring the raw bytes', async () => {
    const raws = Array.from({ length: 20 }, (_, index) => Buffer.from(`reply ${index}`));
    const contents = await Promise.all(raws.map((raw) => pool.read(raw)));
    expect(contents.map((content) => content.replyText)).toEqual(raws.map((_, index) => `reply ${index}`));
    expect(contents[0].attachments[0].content).toEqual(Buffer.from('file'));
    expect(Buffer.isBuffer(contents[0].attachments[0].content)).toBe(true);
  });

  it('tells a malformed message apart', async () => {
    await expect(pool.read(Buffer.from('malformed'))).rejects.toBeInstanceOf(MalformedMailError);
  });

  it.each([
    ['spins past its deadline', 'spin', 1_000, 'longer than 1000 ms'],
    // Its deadline far away: on a loaded machine the heap limit, not the clock, must end it.
    ['needs more heap than allowed', 'hog', 120_000, 'more than 32 MB'],
  ])('ends a worker that %s, and keeps serving with a fresh one', async (_, input, timeoutMs, reason) => {
    await pool.onModuleDestroy();
    pool = new ContentWorkerPool({ script, workers: 2, timeoutMs, maxMemoryMb: 32, idleMs: 60_000 });
    const started = performance.now();
    const failure = pool.read(Buffer.from(input));
    await expect(failure).rejects.toBeInstanceOf(ProcessingBudgetError);
    await expect(failure).rejects.toThrow(reason);
    console.log(`${input}: ended after ${((performance.now() - started) / 1000).toFixed(2)} s`);
    const after = await Promise.all([pool.read(Buffer.from('next')), pool.read(Buffer.from('and next'))]);
    expect(after.map((content) => content.replyText)).toEqual(['next', 'and next']);
  });

  it('starts no thread before mail comes, at most `workers` while it does, and ends idle ones', async () => {
    await pool.onModuleDestroy();
    pool = new ContentWorkerPool({ script, workers: 2, timeoutMs: 10_000, maxMemoryMb: 32, idleMs: 300 });
    expect(pool.threads).toBe(0);
    const contents = await Promise.all(Array.from({ length: 6 }, (_, index) => pool.read(Buffer.from(`r${index}`))));
    expect(contents.map((content) => content.replyText)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect(pool.threads).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(pool.threads).toBe(0);
    await expect(pool.read(Buffer.from('after a pause'))).resolves.toMatchObject({ replyText: 'after a pause' });
  });
});
