import { PassThrough } from 'node:stream';
import { messageIdsIn, ReplyTokens } from '@helpdesk/mail';

import { summarizeHeaderBlock } from '../mail/header-summary';
import { classifyRecipient } from '../routing/recipients';
import { parseAuthenticationResults } from '../sender-auth/authentication-results';
import { HEAD_MAX_BYTES, HeadCollector } from './message-intake';

// Header-side passes over attacker text (issue 14): each must come back with the right answer;
// the time is logged, never asserted.
async function timed<T>(name: string, run: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`${name}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
}

function collectInChunks(bytes: Buffer, chunkSize: number): Buffer {
  const head = new HeadCollector();
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    head.add(bytes.subarray(offset, offset + chunkSize));
  }
  return head.value();
}

describe(HeadCollector.name, () => {
  it.each([1, 2, 3, 7, 64 * 1024])('finds an empty line that straddles chunks of %i bytes', (chunkSize) => {
    const message = Buffer.from('From: a@b.test\r\nSubject: x\r\n\r\nbody\r\n\r\nmore');
    expect(collectInChunks(message, chunkSize).toString()).toBe('From: a@b.test\r\nSubject: x');
  });

  it('takes the earlier of a bare-LF and a CRLF empty line', () => {
    expect(collectInChunks(Buffer.from('A: 1\n\nB: 2\r\n\r\n'), 2).toString()).toBe('A: 1');
  });

  it('keeps at most HEAD_MAX_BYTES of a header without end sent one byte at a time', async () => {
    const endless = Buffer.from(`X-Long: ${'y'.repeat(2 * HEAD_MAX_BYTES)}`);
    const head = await timed('a 512 KB header in 1-byte chunks', () => collectInChunks(endless, 1));
    expect(head).toEqual(endless.subarray(0, HEAD_MAX_BYTES));
  });

  it('reads a stream of small chunks through storeIncoming-sized pieces alike', () => {
    const stream = new PassThrough();
    const head = new HeadCollector();
    stream.on('data', (chunk: Buffer) => head.add(chunk));
    for (const line of ['Subject: a\r', '\n', '\r', '\n', 'body']) {
      stream.write(line);
    }
    expect(head.value().toString()).toBe('Subject: a');
  });
});

describe('header passes over hostile values', () => {
  it.each([
    [10_000, 'ana@client.test'],
    // Past mailsplit's header cost limit the header is unreadable: nothing in it is believed.
    [100_000, null],
  ])('summarizes a head of %i headers', async (count, from) => {
    const lines = Array.from({ length: count }, (_, index) => `X-H${index}: v`);
    const head = Buffer.from(['From: Ana <ana@client.test>', ...lines].join('\r\n')).subarray(0, HEAD_MAX_BYTES);
    const summary = await timed(`${count} headers`, () => summarizeHeaderBlock(head));
    expect(summary.from).toBe(from);
  });

  it('parses an Authentication-Results value of 2M open comments', async () => {
    const value = `mx.test; dkim=pass header.d=a.test (${'('.repeat(2_000_000)}`;
    const parsed = await timed('2M open comments', () => parseAuthenticationResults(value));
    expect(parsed).toEqual({
      authservId: 'mx.test',
      results: [{ method: 'dkim', result: 'pass', properties: { 'header.d': 'a.test' } }],
    });
  });

  it('reads Message-IDs from 1M "<a" without a closing bracket', async () => {
    const ids = await timed('1M "<a"', () => messageIdsIn(`${'<a'.repeat(1_000_000)} <m@x.test>`));
    expect(ids).toEqual(['<m@x.test>']);
  });

  it('classifies a 2M-character RCPT address as nobody', async () => {
    const rules = {
      addressing: { localPart: 'reply', domain: 'helpdesk.test' },
      tokens: new ReplyTokens('a-test-secret-of-sufficient-length'),
      ownAddresses: [],
    };
    const recipient = await timed('a 2M-character address', () =>
      classifyRecipient(`<reply+${'a'.repeat(2_000_000)}@helpdesk.test>`, rules),
    );
    expect(recipient).toMatchObject({ kind: 'other', ourDomain: false });
  });
});
