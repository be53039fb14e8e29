import { describe, expect, it } from '@jest/globals';

import { parseTicketNumbers } from './ticket-numbers';

describe('parseTicketNumbers', () => {
  it('reads numbers separated by commas or spaces, with or without #, once each', () => {
    expect(parseTicketNumbers('41, #43 44,41')).toEqual([41, 43, 44]);
    expect(parseTicketNumbers(' 7 ')).toEqual([7]);
  });

  it('refuses anything else, so nothing half-read is merged', () => {
    expect(parseTicketNumbers('')).toBeNull();
    expect(parseTicketNumbers('41, forty-two')).toBeNull();
    expect(parseTicketNumbers('0')).toBeNull();
    expect(parseTicketNumbers('#')).toBeNull();
    expect(parseTicketNumbers('1234567890123')).toBeNull();
  });
});
