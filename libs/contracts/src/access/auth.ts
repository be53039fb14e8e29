import { IsEmail, IsEnum, IsInt, IsOptional, IsString, Length, MaxLength, Min } from 'class-validator';

import { ApiField } from '../common/api-docs';
import { Trimmed } from '../common/trimmed';
import { Principal, PrincipalKind } from '../principal';
import { PASSWORD_MIN_LENGTH } from './staff';

export class LoginBody {
  @ApiField({ example: 'admin@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiField()
  @IsString()
  @Length(1, 200)
  password: string;
}

export class LoginPayload extends LoginBody {
  /** The caller's address, for throttling failed attempts per address as well as per account. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ip?: string;
}

export class RegisterBody {
  @ApiField({ example: 'client@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiField({ example: 'Casey Client' })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiField({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, 200)
  password: string;
}

export class ResolvePrincipalPayload {
  @IsEnum(PrincipalKind)
  kind: PrincipalKind;

  @IsInt()
  @Min(1)
  id: number;

  /**
   * When resolving a session (the gateway, per request): the version its token was issued at.
   * A password change, deactivation or role change moves the account's version on, ending it.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  sessionVersion?: number;
}

/** Who signed in, and the session version to put in their token. */
export interface SignedIn {
  principal: Principal;
  sessionVersion: number;
}

/** What self-registration answers: the account exists, and signs in once its address is confirmed. */
export interface RegisteredView {
  user: { id: number; kind: PrincipalKind; name: string; email: string };
  /** Always true: the link mailed to the address must be opened before the account can sign in. */
  verificationRequired: true;
}

export class AccountAddressBody {
  @ApiField({ example: 'client@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

/** The caller's address comes along, for the per-address limit of account mails. */
export class AccountAddressPayload extends AccountAddressBody {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ip?: string;
}

export class RegisterPayload extends RegisterBody {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ip?: string;
}

export class LinkTokenBody {
  @ApiField({ description: 'the token of the mailed link (its `token` query parameter)' })
  @IsString()
  @Length(1, 200)
  token: string;
}

export class ResetPasswordBody extends LinkTokenBody {
  @ApiField({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, 200)
  password: string;
}
