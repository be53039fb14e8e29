import { ErrorCode } from '@helpdesk/contracts';
import { TimeoutError } from 'rxjs';

import { UpstreamError } from './upstream-error';

describe(UpstreamError.name, () => {
  describe('from', () => {
    it.each([
      ['a timeout while the broker is connected', new TimeoutError(), true, ErrorCode.ServiceTimeout],
      ['a timeout while the broker is away', new TimeoutError(), false, ErrorCode.ServiceUnavailable],
      [
        "Nest's bare-string rejection while the broker is away",
        'Error: Connection lost.',
        false,
        ErrorCode.ServiceUnavailable,
      ],
      ['an unknown reply while the broker is connected', { weird: true }, true, ErrorCode.BadUpstreamReply],
    ])('maps %s', (_, error, brokerConnected, code) => {
      expect(UpstreamError.from(error, 'tickets', brokerConnected).code).toBe(code);
    });

    it("keeps the called service's own error", () => {
      const envelope = { code: ErrorCode.TicketNotFound, message: 'Ticket not found' };

      expect(UpstreamError.from(envelope, 'tickets', false)).toMatchObject(envelope);
    });
  });
});
