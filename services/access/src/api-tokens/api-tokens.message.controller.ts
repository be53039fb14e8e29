import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AccessPatterns,
  ApiTokenAdminView,
  ApiTokenByIdPayload,
  ApiTokenSecret,
  ApiTokenView,
  CreateApiTokenPayload,
  ListAllApiTokensPayload,
  PrincipalOnlyPayload,
  ResolveApiTokenPayload,
  ResolvedApiToken,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { ApiTokensService } from './api-tokens.service';

@Controller()
export class ApiTokensMessageController {
  constructor(private readonly tokens: ApiTokensService) {}

  @RpcHandler(AccessPatterns.ResolveApiToken)
  resolve(@Payload() payload: ResolveApiTokenPayload): Promise<ResolvedApiToken> {
    return this.tokens.resolve(payload);
  }

  @RpcHandler(AccessPatterns.CreateApiToken)
  create(@Payload() { principal, ...body }: CreateApiTokenPayload): Promise<ApiTokenSecret> {
    return this.tokens.create(principal, body);
  }

  @RpcHandler(AccessPatterns.ListOwnApiTokens)
  listOwn(@Payload() payload: PrincipalOnlyPayload): Promise<ApiTokenView[]> {
    return this.tokens.listOwn(payload.principal);
  }

  @RpcHandler(AccessPatterns.RevokeOwnApiToken)
  revokeOwn(@Payload() payload: ApiTokenByIdPayload): Promise<{ revoked: true }> {
    return this.tokens.revokeOwn(payload.principal, payload.id);
  }

  @RpcHandler(AccessPatterns.ListAllApiTokens)
  listAll(@Payload() { principal, ...query }: ListAllApiTokensPayload): Promise<ApiTokenAdminView[]> {
    return this.tokens.listAll(principal, query);
  }

  @RpcHandler(AccessPatterns.RevokeAnyApiToken)
  revokeAny(@Payload() payload: ApiTokenByIdPayload): Promise<{ revoked: true }> {
    return this.tokens.revokeAny(payload.principal, payload.id);
  }
}
