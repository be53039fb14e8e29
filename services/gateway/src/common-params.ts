import { ParseIntPipe } from '@nestjs/common';
import { DomainError, ErrorCode } from '@helpdesk/contracts';

/** `:id` path parameters: positive whole numbers. */
export const idParam = new ParseIntPipe({
  exceptionFactory: () => new DomainError(ErrorCode.ValidationFailed, 'id: must be a whole number, as in /api/tickets/1042'),
});
