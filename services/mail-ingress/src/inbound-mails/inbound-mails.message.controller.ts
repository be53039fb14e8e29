import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ByIdPayload,
  InboundMailView,
  ListInboundMailsPayload,
  MailIngressPatterns,
  MailRawPurgeResult,
  MailRedriveResult,
  Page,
  RawMailGrant,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { InboundMailsService } from './inbound-mails.service';

@Controller()
export class InboundMailsMessageController {
  constructor(private readonly inboundMails: InboundMailsService) {}

  @RpcHandler(MailIngressPatterns.List)
  list(@Payload() { principal, ...query }: ListInboundMailsPayload): Promise<Page<InboundMailView>> {
    return this.inboundMails.list(principal, query);
  }

  @RpcHandler(MailIngressPatterns.Get)
  get(@Payload() { principal, id }: ByIdPayload): Promise<InboundMailView> {
    return this.inboundMails.get(principal, id);
  }

  @RpcHandler(MailIngressPatterns.GrantRaw)
  grantRaw(@Payload() { principal, id }: ByIdPayload): Promise<RawMailGrant> {
    return this.inboundMails.grantRaw(principal, id);
  }

  @RpcHandler(MailIngressPatterns.Release)
  release(@Payload() { principal, id }: ByIdPayload): Promise<InboundMailView> {
    return this.inboundMails.release(principal, id);
  }

  @RpcHandler(MailIngressPatterns.Redrive)
  redrive(): Promise<MailRedriveResult> {
    return this.inboundMails.redrive();
  }

  @RpcHandler(MailIngressPatterns.PurgeRaw)
  purgeRaw(): Promise<MailRawPurgeResult> {
    return this.inboundMails.purgeRaw();
  }
}
