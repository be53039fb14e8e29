import { DomainError, ErrorCode } from '@helpdesk/contracts';

import { IdParamPipe } from './common-params';

describe(IdParamPipe.name, () => {
  const pipe = new IdParamPipe();

  it.each([
    ['1', 1],
    ['1042', 1042],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
  ])('reads %s as %i', (value, id) => {
    expect(pipe.transform(value)).toBe(id);
  });

  it.each(['', 'abc', '1.5', '0', '-3', '12abc', ' 7', '1e3', '9007199254740993', '99999999999999999999'])(
    'refuses %j with VALIDATION_FAILED',
    (value) => {
      expect(() => pipe.transform(value)).toThrow(expect.objectContaining({ code: ErrorCode.ValidationFailed }));
      expect(() => pipe.transform(value)).toThrow(DomainError);
    },
  );
});
