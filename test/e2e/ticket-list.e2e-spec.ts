import { ErrorCode, TicketPriority, TicketSortKey, TicketStatus, TicketSummary } from '@helpdesk/contracts';
import { ApiClient, bodyOf, CLIENT_PASSWORD, createClient, createWorld, TestSystem, World } from '@helpdesk/testing';

const STATUS_ORDER = Object.values(TicketStatus);
const PRIORITY_ORDER = Object.values(TicketPriority);
const TICKET_COUNT = 40;

/**
 * Lower-case words with distinct first letters, so every collation orders them alike; repeated
 * across tickets so that ties (broken by id) occur. "kumquat" is searched for below.
 */
const SUBJECTS = [
  'apricot invoice',
  'blueberry refund',
  'cherry login',
  'damson kumquat outage',
  'elderberry export',
  'fig password',
  'grape upgrade',
];
const REPLY_ONLY_WORD = 'marmalade';

type SortValue = string | number;
const SORT_VALUE: Record<TicketSortKey, (ticket: TicketSummary) => SortValue> = {
  [TicketSortKey.Id]: (ticket) => ticket.id,
  [TicketSortKey.Subject]: (ticket) => ticket.subject,
  [TicketSortKey.Client]: (ticket) => ticket.client.name,
  [TicketSortKey.Department]: (ticket) => ticket.department.name,
  [TicketSortKey.Status]: (ticket) => STATUS_ORDER.indexOf(ticket.status),
  [TicketSortKey.Priority]: (ticket) => PRIORITY_ORDER.indexOf(ticket.priority),
  // ISO strings of one format order as the instants do.
  [TicketSortKey.LastActivityAt]: (ticket) => ticket.lastActivityAt,
  // Unassigned tickets sort as an empty name: first ascending, last descending.
  [TicketSortKey.Assignee]: (ticket) => ticket.assignee?.name ?? '',
};

/** The order the list must have: by the key, ties by id, both in the sort's direction. */
function expectedOrder(tickets: TicketSummary[], sort: string): number[] {
  const descending = sort.startsWith('-');
  const valueOf = SORT_VALUE[(descending ? sort.slice(1) : sort) as TicketSortKey];
  const compare = (a: TicketSummary, b: TicketSummary) => {
    const [x, y] = [valueOf(a), valueOf(b)];
    const byKey = x < y ? -1 : x > y ? 1 : 0;
    return byKey !== 0 ? byKey : a.id - b.id;
  };
  return [...tickets].sort((a, b) => (descending ? compare(b, a) : compare(a, b))).map((ticket) => ticket.id);
}

const SORTS = Object.values(TicketSortKey).flatMap((key) => [key as string, `-${key}`]);
const idsOf = (tickets: { id: number }[]) => tickets.map((ticket) => ticket.id);
const sortedIds = (tickets: { id: number }[]) => idsOf(tickets).sort((a, b) => a - b);
const cursorOf = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');

describe('ticket list', () => {
  let system: TestSystem;
  let world: World;
  let anna: ApiClient;
  let annaId: number;
  let all: TicketSummary[];
  let replyWordTickets: number[];

  /** Follows nextCursor to the end, checking every page's size on the way. */
  async function allPages(client: ApiClient, query: string, limit: number): Promise<TicketSummary[]> {
    const items: TicketSummary[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const url: string = `/api/tickets?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await bodyOf(client.get(url), 200);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (cursor === null) {
        return items;
      }
      expect(page.items).toHaveLength(limit);
    }
    throw new Error(`paging ${query} did not end`);
  }

  async function onePage(client: ApiClient, query: string): Promise<TicketSummary[]> {
    const page = await bodyOf(client.get(`/api/tickets?limit=100${query ? `&${query}` : ''}`), 200);
    expect(page.nextCursor).toBeNull();
    return page.items;
  }

  beforeAll(async () => {
    system = await TestSystem.start('ticket-list');
    const admin = await system.admin();
    world = await createWorld(system.api(), admin);
    annaId = (await createClient(admin, { email: 'anna@client.test', name: 'Anna Early' })).id;
    anna = await system.api().login('anna@client.test', CLIENT_PASSWORD);
    const adminId = (await bodyOf(admin.get('/api/me'))).id;

    const clients = [world.owner, world.otherClient, anna];
    replyWordTickets = [];
    const build = async (i: number) => {
      const inA = i % 2 === 0;
      const department = inA ? world.departmentA : world.departmentB;
      const staff = inA ? world.staffA : world.staffB;
      const client = clients[i % 3];
      const ticket = await bodyOf(
        client.post('/api/tickets', {
          departmentId: department.id,
          subject: SUBJECTS[i % SUBJECTS.length],
          message: `Opening message ${i}`,
          priority: PRIORITY_ORDER[(i + Math.floor(i / 4)) % 4],
        }),
        201,
      );
      const status = Math.floor(i / 2) % 6;
      if (status === 1 || status === 2 || i % 9 === 4) {
        const word = i % 9 === 4 ? ` with ${REPLY_ONLY_WORD}` : '';
        await bodyOf(staff.post(`/api/tickets/${ticket.id}/replies`, { message: `Staff reply${word}` }), 201);
        if (word) {
          replyWordTickets.push(ticket.id);
        }
      }
      if (status === 2) {
        await bodyOf(client.post(`/api/tickets/${ticket.id}/replies`, { message: 'Client follow-up' }), 201);
      }
      if (status >= 3) {
        const target = [TicketStatus.InProgress, TicketStatus.OnHold, TicketStatus.Closed][status - 3];
        await bodyOf(staff.patch(`/api/tickets/${ticket.id}`, { status: target }), 200);
      }
      const assignee = [
        null,
        inA ? world.staffAId : world.staffBId,
        adminId,
        inA ? world.staffAId : world.staffBId,
        null,
      ][i % 5];
      if (assignee !== null) {
        await bodyOf(admin.patch(`/api/tickets/${ticket.id}`, { assigneeId: assignee }), 200);
      }
    };
    for (let start = 0; start < TICKET_COUNT; start += 8) {
      await Promise.all(Array.from({ length: 8 }, (_, offset) => build(start + offset)));
    }
    all = await onePage(admin, 'sort=id');
  }, 120_000);

  afterAll(() => system?.stop());

  it('the data set has what the sorts and filters need', () => {
    expect(all).toHaveLength(TICKET_COUNT);
    expect(new Set(all.map((ticket) => ticket.status)).size).toBe(STATUS_ORDER.length);
    expect(new Set(all.map((ticket) => ticket.priority)).size).toBe(PRIORITY_ORDER.length);
    expect(new Set(all.map((ticket) => ticket.assignee?.name ?? '')).size).toBe(4);
    expect(new Set(all.map((ticket) => ticket.client.id)).size).toBe(3);
    expect(new Set(all.map((ticket) => ticket.department.id)).size).toBe(2);
    expect(replyWordTickets.length).toBeGreaterThan(0);
  });

  describe('sorting and paging', () => {
    it.each(SORTS)(
      'sort=%s orders every ticket by the key, ties by id, and limit=7 pages visit each once in that order',
      async (sort) => {
        const expected = expectedOrder(all, sort);
        const big = await onePage(world.admin, `sort=${sort}`);
        expect(idsOf(big)).toEqual(expected);
        const paged = await allPages(world.admin, `sort=${encodeURIComponent(sort)}`, 7);
        expect(idsOf(paged)).toEqual(expected);
      },
    );

    it.each(SORTS)('sort=%s holds for a client’s own list and a staff member’s department list too', async (sort) => {
      const mine = all.filter((ticket) => ticket.client.id === world.ownerId);
      const departmentA = all.filter((ticket) => ticket.department.id === world.departmentA.id);
      const [clientPaged, staffPaged] = await Promise.all([
        allPages(world.owner, `sort=${encodeURIComponent(sort)}`, 4),
        allPages(world.staffA, `sort=${encodeURIComponent(sort)}`, 7),
      ]);
      expect(idsOf(clientPaged)).toEqual(expectedOrder(mine, sort));
      expect(idsOf(staffPaged)).toEqual(expectedOrder(departmentA, sort));
    });

    it('the default sort is by last activity, newest first', async () => {
      const page = await bodyOf(world.admin.get('/api/tickets'));
      expect(idsOf(page.items)).toEqual(expectedOrder(all, '-lastActivityAt'));
    });

    it('a filtered list pages like the full list', async () => {
      const paged = await allPages(world.admin, `departmentId=${world.departmentA.id}&sort=-priority`, 3);
      const expected = expectedOrder(
        all.filter((ticket) => ticket.department.id === world.departmentA.id),
        '-priority',
      );
      expect(idsOf(paged)).toEqual(expected);
    });
  });

  describe('filters', () => {
    it.each(STATUS_ORDER)('status=%s', async (status) => {
      const expected = all.filter((ticket) => ticket.status === status);
      expect(expected.length).toBeGreaterThan(0);
      expect(sortedIds(await onePage(world.admin, `status=${status}`))).toEqual(sortedIds(expected));
    });

    it.each(PRIORITY_ORDER)('priority=%s', async (priority) => {
      const expected = all.filter((ticket) => ticket.priority === priority);
      expect(expected.length).toBeGreaterThan(0);
      expect(sortedIds(await onePage(world.admin, `priority=${priority}`))).toEqual(sortedIds(expected));
    });

    it('departmentId', async () => {
      const expected = all.filter((ticket) => ticket.department.id === world.departmentB.id);
      expect(sortedIds(await onePage(world.admin, `departmentId=${world.departmentB.id}`))).toEqual(
        sortedIds(expected),
      );
    });

    it('assigneeId', async () => {
      const expected = all.filter((ticket) => ticket.assignee?.id === world.staffAId);
      expect(expected.length).toBeGreaterThan(0);
      expect(sortedIds(await onePage(world.admin, `assigneeId=${world.staffAId}`))).toEqual(sortedIds(expected));
    });

    it('unassigned=true and unassigned=false', async () => {
      const unassigned = all.filter((ticket) => ticket.assignee === null);
      expect(unassigned.length).toBeGreaterThan(0);
      expect(sortedIds(await onePage(world.admin, 'unassigned=true'))).toEqual(sortedIds(unassigned));
      const assigned = all.filter((ticket) => ticket.assignee !== null);
      expect(sortedIds(await onePage(world.admin, 'unassigned=false'))).toEqual(sortedIds(assigned));
    });

    it('clientId', async () => {
      const expected = all.filter((ticket) => ticket.client.id === annaId);
      expect(sortedIds(await onePage(world.admin, `clientId=${annaId}`))).toEqual(sortedIds(expected));
    });

    it('q finds a word of the subject, in any case', async () => {
      const expected = all.filter((ticket) => ticket.subject.includes('kumquat'));
      expect(expected.length).toBeGreaterThan(0);
      expect(sortedIds(await onePage(world.admin, 'q=kumquat'))).toEqual(sortedIds(expected));
      expect(sortedIds(await onePage(world.admin, 'q=KumQuat'))).toEqual(sortedIds(expected));
    });

    it('q finds a word that is only in a reply', async () => {
      expect(all.filter((ticket) => ticket.subject.includes(REPLY_ONLY_WORD))).toEqual([]);
      expect(sortedIds(await onePage(world.admin, `q=${REPLY_ONLY_WORD}`))).toEqual(
        [...replyWordTickets].sort((a, b) => a - b),
      );
    });

    it('q finds nothing for a word nobody wrote', async () => {
      await expect(world.admin.get('/api/tickets?q=xylophone')).resolves.toMatchObject({
        status: 200,
        body: { items: [], nextCursor: null },
      });
    });

    it('filters combine', async () => {
      const expected = all.filter(
        (ticket) => ticket.department.id === world.departmentA.id && ticket.status === TicketStatus.Closed,
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(sortedIds(await onePage(world.admin, `departmentId=${world.departmentA.id}&status=closed`))).toEqual(
        sortedIds(expected),
      );
    });
  });

  describe('scope', () => {
    it.each<['staffA' | 'staffB', 'departmentA' | 'departmentB']>([
      ['staffA', 'departmentA'],
      ['staffB', 'departmentB'],
    ])('%s sees exactly the tickets of %s', async (who, department) => {
      const expected = all.filter((ticket) => ticket.department.id === world[department].id);
      expect(sortedIds(await onePage(world[who], 'sort=id'))).toEqual(sortedIds(expected));
      expect(sortedIds(await onePage(world[who], `q=${REPLY_ONLY_WORD}`))).toEqual(
        sortedIds(all.filter((t) => t.department.id === world[department].id && replyWordTickets.includes(t.id))),
      );
    });

    it.each<['owner' | 'otherClient' | 'anna']>([['owner'], ['otherClient'], ['anna']])(
      '%s sees exactly their own tickets, whatever clientId they ask for',
      async (who) => {
        const client = who === 'anna' ? anna : world[who];
        const id = who === 'anna' ? annaId : who === 'owner' ? world.ownerId : world.otherClientId;
        const expected = sortedIds(all.filter((ticket) => ticket.client.id === id));
        expect(sortedIds(await onePage(client, ''))).toEqual(expected);
        const someoneElse = id === world.ownerId ? world.otherClientId : world.ownerId;
        expect(sortedIds(await onePage(client, `clientId=${someoneElse}`))).toEqual(expected);
      },
    );

    it('a client’s filters apply within their own tickets', async () => {
      const mine = all.filter((ticket) => ticket.client.id === world.ownerId);
      const inB = mine.filter((ticket) => ticket.department.id === world.departmentB.id);
      expect(inB.length).toBeGreaterThan(0);
      expect(inB.length).toBeLessThan(mine.length);
      expect(sortedIds(await onePage(world.owner, `departmentId=${world.departmentB.id}`))).toEqual(sortedIds(inB));
      const inProgress = mine.filter((ticket) => ticket.status === TicketStatus.InProgress);
      expect(inProgress.length).toBeGreaterThan(0);
      expect(inProgress.length).toBeLessThan(mine.length);
      expect(sortedIds(await onePage(world.owner, 'status=in_progress'))).toEqual(sortedIds(inProgress));
    });
  });

  describe('bad requests', () => {
    it.each(['101', '0', '-1', 'ten'])('limit=%s is a 400 VALIDATION_FAILED', async (limit) => {
      await expect(world.admin.get(`/api/tickets?limit=${limit}`)).resolves.toMatchObject({
        status: 400,
        body: { code: ErrorCode.ValidationFailed },
      });
    });

    it('limit=100 is allowed', async () => {
      await expect(world.admin.get('/api/tickets?limit=100')).resolves.toMatchObject({ status: 200 });
    });

    it.each(['name', '--id', 'id,-subject', 'createdAt'])('sort=%s is a 400 VALIDATION_FAILED', async (sort) => {
      await expect(world.admin.get(`/api/tickets?sort=${encodeURIComponent(sort)}`)).resolves.toMatchObject({
        status: 400,
        body: { code: ErrorCode.ValidationFailed },
      });
    });

    it.each<[string, string, () => string]>([
      ['id', 'not base64 JSON', () => 'this is not a cursor!'],
      ['id', 'JSON of another shape', () => cursorOf({ sort: 'id', after: 3 })],
      ['id', 'too few parts', () => cursorOf(['id', 3])],
      ['id', 'a position that is not a number', () => cursorOf(['id', 'three', 3])],
      ['id', 'a position beyond any id', () => cursorOf(['id', 1e30, 3])],
      ['subject', 'an id that is not an integer', () => cursorOf(['subject', 'apricot invoice', 2.5])],
      ['subject', 'a position that is not text', () => cursorOf(['subject', 42, 3])],
      ['status', 'a status that does not exist', () => cursorOf(['status', 'resolved', 3])],
      ['-priority', 'a priority that does not exist', () => cursorOf(['-priority', 'critical', 3])],
      ['lastActivityAt', 'a time that is not one', () => cursorOf(['lastActivityAt', 'yesterday', 3])],
      ['lastActivityAt', 'a time in another format', () => cursorOf(['lastActivityAt', '1', 3])],
      ['client', 'text PostgreSQL cannot store', () => cursorOf(['client', 'nul\u0000byte', 3])],
    ])('sort=%s with a tampered cursor (%s) is a 400 INVALID_CURSOR', async (sort, _, cursor) => {
      const response = await world.admin.get(`/api/tickets?sort=${sort}&cursor=${encodeURIComponent(cursor())}`);
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 400,
        code: ErrorCode.InvalidCursor,
      });
    });

    it('a real cursor with one character changed is a 400 INVALID_CURSOR', async () => {
      const page = await bodyOf(world.admin.get('/api/tickets?sort=subject&limit=5'));
      const cursor: string = page.nextCursor;
      const tampered = `${cursor.slice(0, 4)}${cursor[4] === 'A' ? 'B' : 'A'}${cursor.slice(5)}`;
      const response = await world.admin.get(
        `/api/tickets?sort=subject&limit=5&cursor=${encodeURIComponent(tampered)}`,
      );
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 400,
        code: ErrorCode.InvalidCursor,
      });
    });

    it.each<[string, string]>([
      ['subject', '-subject'],
      ['-lastActivityAt', 'priority'],
      ['department', 'client'],
    ])('a cursor made for sort=%s used with sort=%s is a 400 INVALID_CURSOR', async (madeFor, usedWith) => {
      const page = await bodyOf(world.admin.get(`/api/tickets?sort=${encodeURIComponent(madeFor)}&limit=5`));
      expect(page.nextCursor).toEqual(expect.any(String));
      const cursor = encodeURIComponent(page.nextCursor);
      await expect(
        world.admin.get(`/api/tickets?sort=${encodeURIComponent(madeFor)}&limit=5&cursor=${cursor}`),
      ).resolves.toMatchObject({
        status: 200,
      });
      const response = await world.admin.get(
        `/api/tickets?sort=${encodeURIComponent(usedWith)}&limit=5&cursor=${cursor}`,
      );
      expect({ status: response.status, code: response.body.code }).toEqual({
        status: 400,
        code: ErrorCode.InvalidCursor,
      });
    });

    it.each([
      'status=resolved',
      'priority=critical',
      'departmentId=abc',
      'unassigned=maybe',
      'assigneeId=-1',
      'page=2',
    ])('%s is a 400 VALIDATION_FAILED', async (query) => {
      await expect(world.admin.get(`/api/tickets?${query}`)).resolves.toMatchObject({
        status: 400,
        body: { code: ErrorCode.ValidationFailed },
      });
    });
  });
});
