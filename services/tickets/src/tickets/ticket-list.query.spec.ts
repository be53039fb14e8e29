import { DomainError, TicketSortKey, TicketStatus } from '@helpdesk/contracts';

import { buildTicketListQuery, decodeCursor, encodeCursor, parseSort, TicketListRow } from './ticket-list.query';

const row: TicketListRow = {
  id: '42',
  subject: 'Printer on fire',
  client_id: 7,
  client_name: 'Casey',
  department_id: 3,
  department_name: 'Technical Support',
  status: TicketStatus.Open,
  priority: 'high' as TicketListRow['priority'],
  assignee_id: null,
  assignee_name: '',
  last_activity_at: new Date('2026-11-27T10:00:00.123Z'),
  created_at: new Date('2026-11-27T09:00:00Z'),
  requester_verified: true,
  merged_into_id: null,
};

describe('ticket list query', () => {
  describe(parseSort.name, () => {
    it('defaults to last activity, newest first', () => {
      expect(parseSort()).toEqual({ key: TicketSortKey.LastActivityAt, descending: true });
    });

    it('reads an ascending key', () => {
      expect(parseSort('priority')).toEqual({ key: TicketSortKey.Priority, descending: false });
    });

    it('refuses an unknown key', () => {
      expect(() => parseSort('-password')).toThrow(DomainError);
    });
  });

  describe('cursor', () => {
    it.each(Object.values(TicketSortKey))('round-trips the position for sort %s', (key) => {
      const sort = { key, descending: true };
      const cursor = decodeCursor(encodeCursor(sort, row), sort);
      expect(cursor.id).toBe(42);
    });

    it('keeps millisecond precision of the last activity', () => {
      const sort = parseSort('-lastActivityAt');
      expect(decodeCursor(encodeCursor(sort, row), sort).value).toBe('2026-11-27T10:00:00.123Z');
    });

    it('refuses a cursor made for another sort', () => {
      const cursor = encodeCursor(parseSort('subject'), row);
      expect(() => decodeCursor(cursor, parseSort('-subject'))).toThrow(DomainError);
    });

    it.each([
      '',
      'not-base64!',
      Buffer.from('{"a":1}').toString('base64url'),
      Buffer.from('["-id","x",1.5]').toString('base64url'),
    ])('refuses a tampered cursor %j', (cursor) => {
      expect(() => decodeCursor(cursor, parseSort('-id'))).toThrow(DomainError);
    });

    it.each([
      ['id', 'x'],
      ['id', 1e30],
      ['status', 'resolved'],
      ['priority', 'critical'],
      ['lastActivityAt', '1'],
      ['subject', 42],
      ['client', 'nul\u0000'],
    ])('refuses a %s cursor whose position is %j, which PostgreSQL could not cast', (key, value) => {
      const cursor = Buffer.from(JSON.stringify([key, value, 1])).toString('base64url');
      expect(() => decodeCursor(cursor, parseSort(key))).toThrow(DomainError);
    });
  });

  describe(buildTicketListQuery.name, () => {
    it('merges one index scan per department for staff', () => {
      const { sql, params } = buildTicketListQuery({ departmentIds: [1, 2] }, {}, parseSort(), undefined, 51);
      expect(sql).toContain('CROSS JOIN LATERAL');
      expect(sql).toContain('ORDER BY t."department_id" DESC, t."last_activity_at" DESC, t."id" DESC');
      expect(params).toEqual([51, [1, 2]]);
    });

    it('passes every user value as a parameter, never in the SQL text', () => {
      const q = "'; DROP TABLE tickets; --";
      const { sql, params } = buildTicketListQuery(
        { clientId: 7 },
        { q, status: TicketStatus.Open },
        parseSort('subject'),
        { value: "O'Brien", id: 3 },
        10,
      );
      expect(sql).not.toContain('DROP TABLE');
      expect(sql).not.toContain("O'Brien");
      expect(params).toEqual(expect.arrayContaining([q, "O'Brien", 3, 7]));
    });
  });
});
