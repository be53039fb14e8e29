import { IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

import { ApiField, ApiFieldOptional } from '../common/api-docs';
import { Trimmed } from '../common/trimmed';
import { WithPrincipal } from '../common/with-principal';
import {
  departmentEmailDoc,
  REOPEN_WITHIN_DAYS_MAX,
  reopenWithinDaysDoc,
  ReplyToClosedPolicy,
  replyToClosedPolicyDoc,
} from './department-mail';

export interface DepartmentView {
  id: number;
  name: string;
  active: boolean;
  /** Days without activity before a ticket waiting on the client closes; null: the default; 0: never. */
  autoCloseDays: number | null;
  /** The department's own address (lower case): mail to it from a known client opens a ticket. */
  email: string | null;
  /** What an email reply to a closed ticket of the department does. */
  replyToClosedPolicy: ReplyToClosedPolicy;
  /** With `new_ticket_after_days`: days after the close within which a reply still reopens. */
  reopenWithinDays: number | null;
  /** A ticket's client may add CCs (POST /api/tickets/:id/ccs, `cc` on their tickets and replies). */
  clientsMayAddCc: boolean;
  createdAt: string;
  updatedAt: string;
}

export const AUTO_CLOSE_DAYS_MAX = 3650;

const autoCloseDaysDoc = {
  nullable: true,
  minimum: 0,
  maximum: AUTO_CLOSE_DAYS_MAX,
  description:
    "days without activity before the department's tickets waiting on the client close automatically; null: the system default (AUTO_CLOSE_AFTER); 0: never",
};

/** The settings both creating and updating a department may set; all optional. */
class DepartmentSettingsBody {
  @ApiFieldOptional(autoCloseDaysDoc)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(AUTO_CLOSE_DAYS_MAX)
  autoCloseDays?: number | null;

  @ApiFieldOptional(departmentEmailDoc)
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiFieldOptional(replyToClosedPolicyDoc)
  @IsOptional()
  @IsEnum(ReplyToClosedPolicy)
  replyToClosedPolicy?: ReplyToClosedPolicy;

  @ApiFieldOptional(reopenWithinDaysDoc)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(REOPEN_WITHIN_DAYS_MAX)
  reopenWithinDays?: number | null;

  @ApiFieldOptional({ default: false, description: "true: a ticket's client may add CCs to its tickets" })
  @IsOptional()
  @IsBoolean()
  clientsMayAddCc?: boolean;
}

export class CreateDepartmentBody extends DepartmentSettingsBody {
  @ApiField({ example: 'Billing', maxLength: 100 })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name: string;
}

export class UpdateDepartmentBody extends DepartmentSettingsBody {
  @ApiFieldOptional({ maxLength: 100 })
  @IsOptional()
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiFieldOptional({ description: 'false deactivates: no new tickets can be opened in it' })
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
