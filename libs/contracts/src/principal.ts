import { Type } from 'class-transformer';
import { IsArray, IsEmail, IsEnum, IsInt, IsOptional, IsString } from 'class-validator';

export enum PrincipalKind {
  Staff = 'staff',
  Client = 'client',
}

export enum StaffRole {
  Admin = 'admin',
  Staff = 'staff',
}

/**
 * Who is acting, as the access service resolved it for this very request (so a change to a
 * staff member's departments or role applies on their next request). The gateway attaches it
 * to every RPC; each service decides from it what the caller may see and do.
 */
export class Principal {
  @IsEnum(PrincipalKind)
  kind: PrincipalKind;

  @IsInt()
  id: number;

  @IsOptional()
  @IsEnum(StaffRole)
  role?: StaffRole;

  @IsString()
  name: string;

  @IsEmail()
  email: string;

  /** Departments a staff member may see; empty for clients. Admins see all regardless. */
  @IsArray()
  @IsInt({ each: true })
  @Type(() => Number)
  departmentIds: number[];
}

export const isAdmin = (principal: Principal) =>
  principal.kind === PrincipalKind.Staff && principal.role === StaffRole.Admin;
export const isStaff = (principal: Principal) => principal.kind === PrincipalKind.Staff;
export const isClient = (principal: Principal) => principal.kind === PrincipalKind.Client;

/** The id of `systemPrincipal`: no staff member or client ever has it (ids start at 1). */
export const SYSTEM_PRINCIPAL_ID = 0;

/**
 * The principal a service uses for its own internal calls (notifications looking up recipients,
 * later the scheduler's sweeps): an administrator with id 0, who sees everything. Only services
 * inside the system can send it: every RPC is signed with the internal key and refused without
 * it, and the gateway never forwards a principal from its callers, it always asks the access
 * service who the bearer token belongs to.
 */
export function systemPrincipal(service: string): Principal {
  return {
    kind: PrincipalKind.Staff,
    id: SYSTEM_PRINCIPAL_ID,
    role: StaffRole.Admin,
    name: `${service} service`,
    email: `${service}@system.invalid`,
    departmentIds: [],
  };
}
