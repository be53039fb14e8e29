import { ccsOfNewTicket } from './copied-ccs';

const rules = {
  sender: 'casey@example.com',
  replyDomain: 'help.example.test',
  systemAddresses: new Set(['support@example.test', 'billing@example.test']),
  max: 2,
};

describe(ccsOfNewTicket.name, () => {
  it('keeps colleagues, leaves out the sender and every system address', () => {
    expect(
      ccsOfNewTicket(
        ['billing@example.test', 'casey@example.com', 'robin@example.com', 'reply+1-c2-x@help.example.test'],
        rules,
      ),
    ).toEqual({ ccs: ['robin@example.com'], dropped: [] });
  });

  it('drops what is over the cap', () => {
    expect(ccsOfNewTicket(['a@example.com', 'b@example.com', 'c@example.com'], rules)).toEqual({
      ccs: ['a@example.com', 'b@example.com'],
      dropped: ['c@example.com'],
    });
  });
});
