import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@helpdesk/database';
import { RpcClientsModule, SystemModule } from '@helpdesk/messaging';
import { OutboxModule, OutboxRedriveModule } from '@helpdesk/outbox';

import { CreateTicketsSchema1764201600000 } from '../migrations/1764201600000-create-tickets-schema';
import { AddAutoClose1795737600000 } from '../migrations/1795737600000-add-auto-close';
import { AddMessageAttachments1795741200000 } from '../migrations/1795741200000-add-message-attachments';
import { AddMessageExternalId1796342400000 } from '../migrations/1796342400000-add-message-external-id';
import { CreateParticipants1797552000000 } from '../migrations/1797552000000-create-participants';
import { AddTicketMerges1797604000000 } from '../migrations/1797604000000-add-ticket-merges';
import { CreateTicketLinks1797605000000 } from '../migrations/1797605000000-create-ticket-links';
import { AddMessageSenderVerdict1796947200000 } from '../migrations/1796947200000-add-message-sender-verdict';
import { AddTicketRequesterVerified1797033600000 } from '../migrations/1797033600000-add-ticket-requester-verified';
import { AddTicketWrittenTo1797701000000 } from '../migrations/1797701000000-add-ticket-written-to';
import { CreatePresence1797800000000 } from '../migrations/1797800000000-create-presence';
import { AutoCloseModule } from './auto-close/auto-close.module';
import { EmailMessagesRepository } from './email-replies/email-messages.repository';
import { EmailRepliesMessageController } from './email-replies/email-replies.message.controller';
import { EmailRepliesService } from './email-replies/email-replies.service';
import { MessageAttachment } from './attachments/message-attachment.entity';
import { MessageAttachments } from './attachments/message-attachments';
import { MessageAttachmentsMessageController } from './attachments/message-attachments.message.controller';
import { CannedResponse } from './canned-responses/canned-response.entity';
import { CannedResponsesMessageController } from './canned-responses/canned-responses.message.controller';
import { CannedResponsesService } from './canned-responses/canned-responses.service';
import { Clock } from './common/clock';
import { DepartmentRef } from './directory/department-ref.entity';
import { Directory } from './directory/directory';
import { DIRECTORY_SYNC_OPTIONS, DirectorySync } from './directory/directory-sync';
import { TICKETS_SCHEMA, TicketsEnv } from './env';
import { Mention, Participant } from './participants/participant.entity';
import { TicketLinksMessageController } from './links/ticket-links.message.controller';
import { TicketLinksService } from './links/ticket-links.service';
import { ParticipantsMessageController } from './participants/participants.message.controller';
import { ParticipantsRepository } from './participants/participants.repository';
import { PARTICIPANTS_OPTIONS, ParticipantsService } from './participants/participants.service';
import { PRESENCE_OPTIONS, PresenceAnnouncer } from './presence/presence-announcer';
import { PresenceMessageController } from './presence/presence.message.controller';
import { PresenceRepository } from './presence/presence.repository';
import { PresenceService } from './presence/presence.service';
import { PresenceSweep } from './presence/presence-sweep';
import { HistoryEntry } from './tickets/history-entry.entity';
import { Message } from './tickets/message.entity';
import { Ticket } from './tickets/ticket.entity';
import { TicketsMessageController } from './tickets/tickets.message.controller';
import { TicketsRepository } from './tickets/tickets.repository';
import { TicketsService } from './tickets/tickets.service';
import { TicketChangeChecks } from './ticket-writes/ticket-change-checks';
import { TicketTransactions } from './ticket-writes/ticket-writer';
import { TicketMerges } from './ticket-writes/ticket-merge';
import { TicketSplits } from './ticket-writes/ticket-split';
import { TicketUnmerges } from './ticket-writes/ticket-unmerge';
import { TicketWrites } from './ticket-writes/ticket-writes';

export const TICKETS_MIGRATIONS = [
  CreateTicketsSchema1764201600000,
  AddAutoClose1795737600000,
  AddMessageAttachments1795741200000,
  AddMessageExternalId1796342400000,
  CreateParticipants1797552000000,
  AddTicketMerges1797604000000,
  CreateTicketLinks1797605000000,
  AddMessageSenderVerdict1796947200000,
  AddTicketRequesterVerified1797033600000,
  AddTicketWrittenTo1797701000000,
  CreatePresence1797800000000,
];

@Module({})
export class AppModule {
  static register(env: TicketsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SystemModule.forService('tickets'),
        DatabaseModule.forRoot({
          url: env.DATABASE_URL,
          schema: TICKETS_SCHEMA,
          entities: [
            Ticket,
            Message,
            HistoryEntry,
            DepartmentRef,
            CannedResponse,
            MessageAttachment,
            Participant,
            Mention,
          ],
          migrations: TICKETS_MIGRATIONS,
          poolSize: env.DATABASE_POOL_SIZE,
          applicationName: 'helpdesk-tickets',
          migrateOnStart: env.MIGRATE_ON_START,
        }),
        OutboxModule.forRoot({
          rabbitmqUrl: env.RABBITMQ_URL,
          schema: TICKETS_SCHEMA,
          pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
          batchSize: 200,
          retainPublishedMs: 7 * 86_400_000,
        }),
        RpcClientsModule.forRoot({ url: env.RABBITMQ_URL, timeoutMs: env.RPC_TIMEOUT_MS }),
        OutboxRedriveModule.forService('tickets'),
        AutoCloseModule.register({
          defaultWindowMs: env.AUTO_CLOSE_AFTER,
          statuses: env.AUTO_CLOSE_STATUSES,
          reminderBeforeMs: env.AUTO_CLOSE_REMINDER_BEFORE,
          batchSize: env.AUTO_CLOSE_BATCH_SIZE,
        }),
      ],
      controllers: [
        TicketsMessageController,
        CannedResponsesMessageController,
        MessageAttachmentsMessageController,
        EmailRepliesMessageController,
        ParticipantsMessageController,
        TicketLinksMessageController,
        PresenceMessageController,
      ],
      providers: [
        { provide: DIRECTORY_SYNC_OPTIONS, useValue: { url: env.RABBITMQ_URL } },
        CannedResponsesService,
        Clock,
        Directory,
        DirectorySync,
        EmailMessagesRepository,
        EmailRepliesService,
        TicketsRepository,
        TicketsService,
        TicketChangeChecks,
        TicketMerges,
        TicketLinksService,
        TicketUnmerges,
        TicketSplits,
        TicketTransactions,
        TicketWrites,
        MessageAttachments,
        ParticipantsRepository,
        ParticipantsService,
        PresenceAnnouncer,
        PresenceRepository,
        PresenceService,
        PresenceSweep,
        { provide: PRESENCE_OPTIONS, useValue: { rabbitmqUrl: env.RABBITMQ_URL, ttlMs: env.PRESENCE_TTL } },
        {
          provide: PARTICIPANTS_OPTIONS,
          useValue: { maxCcs: env.TICKET_MAX_CCS, replyDomain: env.MAIL_DOMAIN, mailFrom: env.MAIL_FROM },
        },
      ],
    };
  }
}
