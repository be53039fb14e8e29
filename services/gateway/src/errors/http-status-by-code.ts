import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@helpdesk/contracts';

/** Every error code has a status: a new code that is not mapped here does not compile. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [ErrorCode.InvalidCursor]: HttpStatus.BAD_REQUEST,
  [ErrorCode.StatusNotSettable]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.AssigneeNotEligible]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.DepartmentInactive]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.InvalidCredentials]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.TooManyAttempts]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCode.AccessDenied]: HttpStatus.FORBIDDEN,
  [ErrorCode.RegistrationDisabled]: HttpStatus.FORBIDDEN,
  [ErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.TicketNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.DepartmentNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.StaffNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.ClientNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.CannedResponseNotFound]: HttpStatus.NOT_FOUND,
  [ErrorCode.EmailTaken]: HttpStatus.CONFLICT,
  [ErrorCode.NameTaken]: HttpStatus.CONFLICT,
  [ErrorCode.LastAdmin]: HttpStatus.CONFLICT,
  [ErrorCode.TicketChanged]: HttpStatus.CONFLICT,
  [ErrorCode.ServiceUnavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.ServiceTimeout]: HttpStatus.GATEWAY_TIMEOUT,
  [ErrorCode.BadUpstreamReply]: HttpStatus.BAD_GATEWAY,
  [ErrorCode.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
};
