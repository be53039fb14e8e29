import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ByIdPayload,
  CreateMailboxPayload,
  MailboxStatusView,
  MailboxTestResult,
  MailboxView,
  MailIngressPatterns,
  PrincipalOnlyPayload,
  UpdateMailboxPayload,
} from '@helpdesk/contracts';
import { RpcHandler } from '@helpdesk/messaging';

import { MailboxesService } from './mailboxes.service';

@Controller()
export class MailboxesMessageController {
  constructor(private readonly mailboxes: MailboxesService) {}

  @RpcHandler(MailIngressPatterns.CreateMailbox)
  create(@Payload() { principal, ...body }: CreateMailboxPayload): Promise<MailboxView> {
    return this.mailboxes.create(principal, body);
  }

  @RpcHandler(MailIngressPatterns.ListMailboxes)
  list(@Payload() { principal }: PrincipalOnlyPayload): Promise<MailboxView[]> {
    return this.mailboxes.list(principal);
  }

  @RpcHandler(MailIngressPatterns.GetMailbox)
  get(@Payload() { principal, id }: ByIdPayload): Promise<MailboxView> {
    return this.mailboxes.get(principal, id);
  }

  @RpcHandler(MailIngressPatterns.UpdateMailbox)
  update(@Payload() { principal, id, ...body }: UpdateMailboxPayload): Promise<MailboxView> {
    return this.mailboxes.update(principal, id, body);
  }

  @RpcHandler(MailIngressPatterns.DeleteMailbox)
  delete(@Payload() { principal, id }: ByIdPayload): Promise<{ deleted: true }> {
    return this.mailboxes.delete(principal, id);
  }

  @RpcHandler(MailIngressPatterns.TestMailbox)
  test(@Payload() { principal, id }: ByIdPayload): Promise<MailboxTestResult> {
    return this.mailboxes.test(principal, id);
  }

  @RpcHandler(MailIngressPatterns.MailboxStatus)
  status(@Payload() { principal, id }: ByIdPayload): Promise<MailboxStatusView> {
    return this.mailboxes.status(principal, id);
  }
}
