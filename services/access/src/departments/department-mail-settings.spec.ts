import { ErrorCode, ReplyToClosedPolicy } from '@helpdesk/contracts';

import { departmentMailSettings } from './department-mail-settings';

describe(departmentMailSettings.name, () => {
  const current = {
    email: 'billing@support.test',
    replyToClosedPolicy: ReplyToClosedPolicy.NewTicketAfterDays,
    reopenWithinDays: 7,
  };

  it('defaults a new department to no address and reopen', () => {
    expect(departmentMailSettings({})).toEqual({
      email: null,
      replyToClosedPolicy: ReplyToClosedPolicy.Reopen,
      reopenWithinDays: null,
    });
  });

  it('keeps what an update leaves out, clears what it sets to null, lowercases addresses', () => {
    expect(departmentMailSettings({}, current)).toEqual(current);
    expect(departmentMailSettings({ email: null }, current).email).toBeNull();
    expect(departmentMailSettings({ email: ' Sales@Support.TEST ' }, current).email).toBe('sales@support.test');
    expect(
      departmentMailSettings({ replyToClosedPolicy: ReplyToClosedPolicy.Refuse, reopenWithinDays: null }, current),
    ).toEqual({
      email: current.email,
      replyToClosedPolicy: ReplyToClosedPolicy.Refuse,
      reopenWithinDays: null,
    });
  });

  it('needs a number of days for new_ticket_after_days', () => {
    expect(() => departmentMailSettings({ replyToClosedPolicy: ReplyToClosedPolicy.NewTicketAfterDays })).toThrow(
      expect.objectContaining({ code: ErrorCode.ValidationFailed }),
    );
    expect(() => departmentMailSettings({ reopenWithinDays: null }, current)).toThrow(/reopenWithinDays/);
  });
});
