import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

import { WithPrincipal } from '../common/with-principal';

export interface DepartmentView {
  id: number;
  name: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export class CreateDepartmentBody {
  @ApiProperty({ example: 'Billing', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class UpdateDepartmentBody {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: 'false deactivates: no new tickets can be opened in it' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateDepartmentPayload extends WithPrincipal(CreateDepartmentBody) {}

export class UpdateDepartmentPayload extends WithPrincipal(UpdateDepartmentBody) {
  @IsInt()
  @Min(1)
  id: number;
}
