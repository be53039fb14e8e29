import { TicketStatus } from '@helpdesk/contracts';

import { DAY_MS, departmentSweeps, parseAutoCloseStatuses, remindsWithin, windowMsOf } from './auto-close-policy';

describe('auto-close policy', () => {
  const policy = { defaultWindowMs: 7 * DAY_MS, reminderBeforeMs: 0 };

  describe(windowMsOf.name, () => {
    it.each([
      [null, 7 * DAY_MS, 7 * DAY_MS],
      [3, 7 * DAY_MS, 3 * DAY_MS],
      [0, 7 * DAY_MS, 0],
      [null, 0, 0],
      [2, 0, 2 * DAY_MS],
    ])('autoCloseDays %p with a default of %p ms gives %p ms', (days, defaultMs, expected) => {
      expect(windowMsOf(days, defaultMs)).toBe(expected);
    });
  });

  describe(remindsWithin.name, () => {
    it.each([
      [7 * DAY_MS, 2 * DAY_MS, true],
      [7 * DAY_MS, 0, false],
      [2 * DAY_MS, 2 * DAY_MS, false],
      [DAY_MS, 2 * DAY_MS, false],
    ])('a window of %p ms with reminders %p ms before: %p', (windowMs, beforeMs, expected) => {
      expect(remindsWithin(windowMs, beforeMs)).toBe(expected);
    });
  });

  describe(departmentSweeps.name, () => {
    const departments = [
      { id: 1, autoCloseDays: null },
      { id: 2, autoCloseDays: 3 },
      { id: 3, autoCloseDays: 0 },
    ];

    it('leaves out departments whose auto-close is off', () => {
      const sweeps = departmentSweeps(departments, policy, new Date('2026-11-27T12:00:00Z'));
      expect(sweeps.map((sweep) => [sweep.departmentId, sweep.windowMs])).toEqual([
        [1, 7 * DAY_MS],
        [2, 3 * DAY_MS],
      ]);
    });

    it('has nothing to sweep when the default is off and no department has its own window', () => {
      expect(departmentSweeps([{ id: 1, autoCloseDays: null }], { ...policy, defaultWindowMs: 0 }, new Date())).toEqual(
        [],
      );
    });

    it('moves the cut-offs with the clock: a ticket is due exactly one window after its last activity', () => {
      const lastActivity = new Date('2026-11-20T09:30:00.000Z');
      const isDue = (asOf: Date) =>
        lastActivity <= departmentSweeps([{ id: 1, autoCloseDays: null }], policy, asOf)[0].closeIfActiveBefore;
      expect(isDue(new Date(lastActivity.getTime() + 7 * DAY_MS - 1))).toBe(false);
      expect(isDue(new Date(lastActivity.getTime() + 7 * DAY_MS))).toBe(true);
      expect(isDue(new Date(lastActivity.getTime() + 30 * DAY_MS))).toBe(true);
    });

    it('reminds the reminder period before the close, and closes only a reminder that old', () => {
      const asOf = new Date('2026-11-27T12:00:00Z');
      const [sweep] = departmentSweeps(
        [{ id: 1, autoCloseDays: 7 }],
        { ...policy, reminderBeforeMs: 2 * DAY_MS },
        asOf,
      );
      expect(sweep).toEqual({
        departmentId: 1,
        windowMs: 7 * DAY_MS,
        closeIfActiveBefore: new Date('2026-11-20T12:00:00Z'),
        remind: true,
        remindIfActiveBefore: new Date('2026-11-22T12:00:00Z'),
        closeIfRemindedBefore: new Date('2026-11-25T12:00:00Z'),
      });
    });

    it('does not remind in departments whose window is not longer than the reminder period', () => {
      const sweeps = departmentSweeps(
        [
          { id: 1, autoCloseDays: 1 },
          { id: 2, autoCloseDays: 5 },
        ],
        { ...policy, reminderBeforeMs: 2 * DAY_MS },
        new Date(),
      );
      expect(sweeps.map((sweep) => sweep.remind)).toEqual([false, true]);
    });

    it('takes windows shorter than a day (operators and tests)', () => {
      const asOf = new Date('2026-11-27T12:00:05Z');
      const [sweep] = departmentSweeps(
        [{ id: 1, autoCloseDays: null }],
        { defaultWindowMs: 5_000, reminderBeforeMs: 0 },
        asOf,
      );
      expect(sweep.closeIfActiveBefore).toEqual(new Date('2026-11-27T12:00:00Z'));
    });
  });

  describe(parseAutoCloseStatuses.name, () => {
    it.each([
      ['answered', [TicketStatus.Answered]],
      [' answered , on_hold ', [TicketStatus.Answered, TicketStatus.OnHold]],
      ['answered,answered', [TicketStatus.Answered]],
    ])('reads %p', (input, expected) => {
      expect(parseAutoCloseStatuses(input)).toEqual(expected);
    });

    it.each(['', ' , ', 'answred', 'answered,closed'])('refuses %p, naming the choices', (input) => {
      expect(() => parseAutoCloseStatuses(input)).toThrow(
        /choose from open, answered, customer_reply, in_progress, on_hold\)$/,
      );
    });
  });
});
