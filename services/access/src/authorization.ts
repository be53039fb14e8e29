import { DomainError, ErrorCode, isAdmin, isStaff, Principal } from '@helpdesk/contracts';

export function requireAdmin(principal: Principal): void {
  if (!isAdmin(principal)) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only administrators may do this.');
  }
}

export function requireStaff(principal: Principal): void {
  if (!isStaff(principal)) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only staff may do this.');
  }
}

/** Admins, and staff who work in the department: those who may see who else works there. */
export function requireWorksIn(principal: Principal, departmentId: number): void {
  if (!isAdmin(principal) && !(isStaff(principal) && principal.departmentIds.includes(departmentId))) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only administrators and staff of this department see its staff.');
  }
}
