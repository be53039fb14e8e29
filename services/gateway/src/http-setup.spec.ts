import { ArgumentMetadata } from '@nestjs/common';
import { ErrorCode } from '@helpdesk/contracts';

import { StorableTextPipe } from './http-setup';

describe(StorableTextPipe.name, () => {
  const pipe = new StorableTextPipe();
  const body: ArgumentMetadata = { type: 'body' };

  it('passes values without NUL through unchanged', () => {
    const value = { subject: 'Printer on fire 🔥', tags: ['a', 'b'], nested: { n: 1, ok: true, none: null } };
    expect(pipe.transform(value, body)).toBe(value);
  });

  it.each([
    ['a string', 'a\u0000b'],
    ['a nested value', { ticket: { messages: ['fine', 'bad\u0000'] } }],
    ['a key', { 'bad\u0000key': 1 }],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate at the start', '\udc00ab'],
  ])('refuses NUL or broken Unicode in %s', (_, value) => {
    let refusal: unknown;
    try {
      pipe.transform(value, body);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: ErrorCode.ValidationFailed });
  });

  it('leaves custom parameters (the resolved principal) and binary data alone', () => {
    expect(pipe.transform({ name: 'x\u0000' }, { type: 'custom' })).toEqual({ name: 'x\u0000' });
    const bytes = Buffer.from([0, 1, 2]);
    expect(pipe.transform(bytes, body)).toBe(bytes);
  });
});
