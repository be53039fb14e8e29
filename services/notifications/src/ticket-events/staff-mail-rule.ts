import { StaffRole, StaffView } from '@helpdesk/contracts';

/**
 * Why a staff member may not be mailed about a ticket of the department, or null when they may:
 * mail about a ticket goes only to whoever may see it, an active administrator or an active
 * member of its department, whether or not they are its assignee.
 */
export function whyNoStaffMail(member: StaffView | null, departmentId: number): string | null {
  if (!member) {
    return 'the staff member no longer exists';
  }
  if (!member.active) {
    return `${member.name} was deactivated`;
  }
  if (member.role !== StaffRole.Admin && !member.departmentIds.includes(departmentId)) {
    return `${member.name} no longer works in the ticket's department`;
  }
  return null;
}
