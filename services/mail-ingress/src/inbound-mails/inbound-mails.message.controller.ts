import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ByIdPayload,
  InboundMailView,
  ListInboundMailsPayload,
  MailIngressPatterns,
  MailRedriveResult,
  Page,
  RawMailGrant,
} from '@helpdesk/contracts';

import { InboundMailsService } from './inbound-mails.service';

@Controller()
export class InboundMailsMessageController {
  constructor(private readonly inboundMails: InboundMailsService) {}

  @MessagePattern(MailIngressPatterns.List)
  list(@Payload() { principal, ...query }: ListInboundMailsPayload): Promise<Page<InboundMailView>> {
    return this.inboundMails.list(principal, query);
  }

  @MessagePattern(MailIngressPatterns.Get)
  get(@Payload() { principal, id }: ByIdPayload): Promise<InboundMailView> {
    return this.inboundMails.get(principal, id);
  }

  @MessagePattern(MailIngressPatterns.GrantRaw)
  grantRaw(@Payload() { principal, id }: ByIdPayload): Promise<RawMailGrant> {
    return this.inboundMails.grantRaw(principal, id);
  }

  @MessagePattern(MailIngressPatterns.Release)
  release(@Payload() { principal, id }: ByIdPayload): Promise<InboundMailView> {
    return this.inboundMails.release(principal, id);
  }

  @MessagePattern(MailIngressPatterns.Redrive)
  redrive(): Promise<MailRedriveResult> {
    return this.inboundMails.redrive();
  }
}
