import { AccessPatterns, DepartmentView, ErrorCode } from '@helpdesk/contracts';
import { AccessClient, UpstreamError } from '@helpdesk/messaging';

import { People } from './people';

const sales = { id: 1, name: 'Sales', email: null, active: true } as unknown as DepartmentView;
const support = { id: 2, name: 'Support', email: null, active: true } as unknown as DepartmentView;

describe('People.departmentNow', () => {
  /** Access as it is after Support was created: the cached list was read before. */
  const access = {
    listed: [sales],
    async send(pattern: string, payload: { id?: number }) {
      if (pattern === AccessPatterns.ListDepartments) {
        return this.listed;
      }
      if (payload.id === support.id) {
        return support;
      }
      throw new UpstreamError(ErrorCode.DepartmentNotFound, `Department ${payload.id} does not exist.`);
    },
  };
  const people = new People(access as unknown as AccessClient, { cacheTtlMs: 60_000 });

  it('finds a department created after the cache was filled, and null for one that does not exist', async () => {
    await expect(people.department(support.id)).resolves.toBeNull();
    await expect(people.departmentNow(support.id)).resolves.toBe(support);
    await expect(people.departmentNow(sales.id)).resolves.toBe(sales);
    await expect(people.departmentNow(99)).resolves.toBeNull();
  });
});
