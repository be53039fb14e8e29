import { DomainError, ErrorCode } from '@helpdesk/contracts';
import { adminPrincipal, clientPrincipal, staffPrincipal } from '@helpdesk/testing/builders';

import { requireWorksIn } from './authorization';

describe(requireWorksIn.name, () => {
  it.each([
    ['staff of the department', staffPrincipal({ departmentIds: [2] })],
    ['an admin of no department', adminPrincipal()],
  ])('lets %s see who works in it', (_, who) => {
    expect(() => requireWorksIn(who, 2)).not.toThrow();
  });

  it.each([
    ['staff of another department', staffPrincipal({ departmentIds: [3] })],
    ['a client', clientPrincipal({ departmentIds: [2] })],
  ])('refuses %s', (_, who) => {
    try {
      requireWorksIn(who, 2);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).code).toBe(ErrorCode.AccessDenied);
    }
  });
});
