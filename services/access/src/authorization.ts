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
