import { continueThread, MAX_REFERENCES, ThreadState } from './threading';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

describe(continueThread.name, () => {
  it('starts a thread with a root and no parent', () => {
    const { headers, thread } = continueThread(null, '<m1@x>', '1042', at(0));
    expect(headers.inReplyTo).toBeNull();
    expect(headers.references).toEqual([]);
    expect(Buffer.from(headers.threadIndex, 'base64')).toHaveLength(22);
    expect(thread).toEqual({ rootMessageId: '<m1@x>', recentMessageIds: ['<m1@x>'], mailCount: 1, startedAt: at(0) });
  });

  it('answers the previous mail and references the root and those between', () => {
    let state: ThreadState | null = null;
    const sent: { inReplyTo: string | null; references: string[]; threadIndex: string }[] = [];
    for (let i = 1; i <= 3; i++) {
      const next = continueThread(state, `<m${i}@x>`, '1042', at(i));
      sent.push(next.headers);
      state = next.thread;
    }
    expect(sent[1]).toMatchObject({ inReplyTo: '<m1@x>', references: ['<m1@x>'] });
    expect(sent[2]).toMatchObject({ inReplyTo: '<m2@x>', references: ['<m1@x>', '<m2@x>'] });
    expect(state?.mailCount).toBe(3);
  });

  it('keeps the root and the newest ids once the thread is long', () => {
    let last = continueThread(null, '<m0@x>', '7', at(0));
    let state: ThreadState = last.thread;
    for (let i = 1; i <= 30; i++) {
      last = continueThread(state, `<m${i}@x>`, '7', at(i));
      state = last.thread;
    }
    expect(last.headers.references).toHaveLength(MAX_REFERENCES);
    expect(last.headers.references[0]).toBe('<m0@x>');
    expect(last.headers.references[MAX_REFERENCES - 1]).toBe('<m29@x>');
    expect(last.headers.inReplyTo).toBe('<m29@x>');
  });

  it('gives every mail of a thread the same 22-byte Thread-Index head, with a child block after the first', () => {
    const first = continueThread(null, '<a@x>', '1042', at(0));
    const second = continueThread(first.thread, '<b@x>', '1042', at(5));
    const other = continueThread(null, '<c@x>', '1043', at(0));
    const head = (value: string) => Buffer.from(value, 'base64').subarray(0, 22).toString('hex');
    expect(Buffer.from(second.headers.threadIndex, 'base64')).toHaveLength(27);
    expect(head(second.headers.threadIndex)).toBe(head(first.headers.threadIndex));
    expect(head(other.headers.threadIndex)).not.toBe(head(first.headers.threadIndex));
  });
});
