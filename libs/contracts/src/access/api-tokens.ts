import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
} from 'class-validator';

import { ApiField, ApiFieldOptional } from '../common/api-docs';
import { Trimmed } from '../common/trimmed';
import { WithPrincipal } from '../common/with-principal';
import { Principal, PrincipalKind } from '../principal';

/** What an API token may be used for; each gateway route needs one of them (or refuses tokens). */
export enum ApiScope {
  TicketsRead = 'tickets:read',
  TicketsWrite = 'tickets:write',
  ClientsRead = 'clients:read',
  ClientsWrite = 'clients:write',
  /** The admin routes (staff, departments' settings, inbound mail, jobs, webhooks); administrators only. */
  Admin = 'admin',
}

export const API_SCOPES = Object.values(ApiScope);

/** Scopes a client may give their tokens: their own tickets, nothing else. */
export const CLIENT_API_SCOPES: readonly ApiScope[] = [ApiScope.TicketsRead, ApiScope.TicketsWrite];

/** Recognisable in logs, config files and secret scanners. WIRE-LEVEL: tokens in use carry it. */
export const API_TOKEN_PREFIX = 'hdk_';

/** Unrevoked tokens one account may hold. */
export const API_TOKENS_PER_ACCOUNT = 50;

export class CreateApiTokenBody {
  @ApiField({ example: 'CRM sync', maxLength: 100 })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiField({ enum: API_SCOPES, isArray: true, example: [ApiScope.TicketsRead] })
  @IsArray()
  @ArrayMinSize(1, { message: 'scopes: name at least one scope' })
  @ArrayMaxSize(API_SCOPES.length)
  @ArrayUnique({ message: 'scopes: name each scope once' })
  @IsIn(API_SCOPES, { each: true, message: `scopes: each must be one of ${API_SCOPES.join(', ')}` })
  scopes: ApiScope[];

  @ApiFieldOptional({
    type: String,
    format: 'date-time',
    description: 'when the token stops working; absent: never (revoke it instead)',
    example: '2030-01-01T00:00:00Z',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'expiresAt: must be a date and time, as in 2030-01-01T00:00:00Z' })
  expiresAt?: Date;
}

export class CreateApiTokenPayload extends WithPrincipal(CreateApiTokenBody) {}

export class ApiTokenById {
  @IsUUID('4', { message: 'id: must be a token id, as listed by GET /api/me/tokens' })
  id: string;
}

export class ApiTokenByIdPayload extends WithPrincipal(ApiTokenById) {}

export class ListAllApiTokensQuery {
  @ApiFieldOptional({ description: "only this staff member's tokens", minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  staffId?: number;

  @ApiFieldOptional({ description: "only this client's tokens", minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  clientId?: number;
}

export class ListAllApiTokensPayload extends WithPrincipal(ListAllApiTokensQuery) {}

export class ResolveApiTokenPayload {
  /** The whole bearer token, as sent. */
  @IsString()
  @MaxLength(200)
  token: string;

  /** The caller's address, for throttling failed attempts as sign-ins are. */
  @IsString()
  @MaxLength(100)
  ip: string;
}

/** The answer to create: the token itself, shown this once. */
export interface ApiTokenSecret {
  id: string;
  token: string;
}

export interface ApiTokenView {
  id: string;
  name: string;
  scopes: ApiScope[];
  /** The first characters of the token, to tell tokens apart; never enough to use it. */
  prefix: string;
  createdAt: string;
  /** Null: never expires. */
  expiresAt: string | null;
  /** Updated at most once a minute. */
  lastUsedAt: string | null;
}

/** A token as administrators list it: with whose it is. */
export interface ApiTokenAdminView extends ApiTokenView {
  owner: { kind: PrincipalKind; id: number; name: string; email: string };
}

/** Who a token acts as (resolved fresh, as for a session) and what it may do. */
export interface ResolvedApiToken {
  tokenId: string;
  principal: Principal;
  scopes: ApiScope[];
}
