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
