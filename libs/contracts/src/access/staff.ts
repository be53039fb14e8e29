import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
} from 'class-validator';

import { ApiField, ApiFieldOptional } from '../common/api-docs';
import { Trimmed } from '../common/trimmed';
import { WithPrincipal } from '../common/with-principal';
import { StaffRole } from '../principal';

export interface StaffView {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  departmentIds: number[];
  active: boolean;
  createdAt: string;
}

export const PASSWORD_MIN_LENGTH = 8;

export class CreateStaffBody {
  @ApiField({ example: 'agent@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiField({ example: 'Alex Agent' })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiField({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, 200)
  password: string;

  @ApiField({ enum: StaffRole })
  @IsEnum(StaffRole)
  role: StaffRole;

  @ApiField({ type: [Number], description: 'departments this staff member may see' })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Type(() => Number)
  departmentIds: number[];
}

export class UpdateStaffBody {
  @ApiFieldOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiFieldOptional()
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiFieldOptional({ minLength: PASSWORD_MIN_LENGTH })
  @IsOptional()
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, 200)
  password?: string;

  @ApiFieldOptional({ enum: StaffRole })
  @IsOptional()
  @IsEnum(StaffRole)
  role?: StaffRole;

  @ApiFieldOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Type(() => Number)
  departmentIds?: number[];

  @ApiFieldOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateStaffPayload extends WithPrincipal(CreateStaffBody) {}

export class UpdateStaffPayload extends WithPrincipal(UpdateStaffBody) {
  @IsInt()
  @Min(1)
  id: number;
}

export class DepartmentStaffPayload extends WithPrincipal(class {}) {
  @IsInt()
  @Min(1)
  departmentId: number;
}

export class StaffByIdsPayload extends WithPrincipal(class {}) {
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  ids: number[];
}
