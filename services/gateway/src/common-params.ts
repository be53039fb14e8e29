import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '@helpdesk/contracts';

/**
 * `:id` path parameters: positive whole numbers that a JavaScript number holds exactly. Larger
 * ones would reach PostgreSQL out of range and fail as internal errors instead of bad requests.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(id) || id < 1) {
      throw new DomainError(ErrorCode.ValidationFailed, 'id: must be a whole number, as in /api/tickets/1042');
    }
    return id;
  }
}

export const idParam = new IdParamPipe();
