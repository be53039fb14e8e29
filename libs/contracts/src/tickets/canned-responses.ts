import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Min, ValidateIf } from 'class-validator';

import { ApiField, ApiFieldOptional } from '../common/api-docs';
import { WithPrincipal } from '../common/with-principal';

/** Placeholders a canned response may use; filled in when fetched for a ticket. */
export const CANNED_RESPONSE_PLACEHOLDERS = [
  '{{client.name}}',
  '{{client.firstName}}',
  '{{ticket.id}}',
  '{{ticket.subject}}',
  '{{department.name}}',
  '{{staff.name}}',
] as const;

export class CreateCannedResponseBody {
  @ApiField({ example: 'Refund issued' })
  @IsString()
  @Length(1, 100)
  title: string;

  @ApiField({
    example: 'Hello {{client.firstName}},\n\nwe refunded the charge on ticket #{{ticket.id}}.',
    description: `may use ${CANNED_RESPONSE_PLACEHOLDERS.join(', ')}`,
  })
  @IsString()
  @Length(1, 20_000)
  body: string;

  @ApiFieldOptional({ nullable: true, description: 'null or absent: every department' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  departmentId?: number | null;
}

export class UpdateCannedResponseBody {
  @ApiFieldOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  title?: string;

  @ApiFieldOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20_000)
  body?: string;

  @ApiFieldOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  departmentId?: number | null;
}

export class ListCannedResponsesQuery {
  @ApiFieldOptional({
    description: 'fill the placeholders in for this ticket and list only those usable in its department',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  ticketId?: number;
}

export class CreateCannedResponsePayload extends WithPrincipal(CreateCannedResponseBody) {}
export class ListCannedResponsesPayload extends WithPrincipal(ListCannedResponsesQuery) {}
export class UpdateCannedResponsePayload extends WithPrincipal(UpdateCannedResponseBody) {
  @IsInt()
  @Min(1)
  id: number;
}
