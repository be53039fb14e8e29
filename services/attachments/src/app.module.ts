import { DynamicModule, Module } from '@nestjs/common';
import { DatabaseModule } from '@helpdesk/database';
import { RpcClientsModule, SystemModule } from '@helpdesk/messaging';

import { CreateAttachmentsSchema1795741200000 } from '../migrations/1795741200000-create-attachments-schema';
import { Attachment } from './attachments/attachment.entity';
import { AttachmentsMessageController } from './attachments/attachments.message.controller';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { AttachmentsService, CLEAN_UP_OPTIONS } from './attachments/attachments.service';
import { MESSAGE_LINKS_OPTIONS, MessageLinksConsumer } from './attachments/message-links.consumer';
import { ATTACHMENTS_SCHEMA, AttachmentsEnv } from './env';
import { OBJECT_STORAGE_OPTIONS, ObjectStorage } from './storage/object-storage';
import { TransferGrants } from './transfers/transfer-grants';
import { TRANSFER_HTTP_OPTIONS, TransferHttpServer } from './transfers/transfer.http-server';
import { FileSniffer } from './uploads/file-sniffer';
import { IMPORT_SOURCE_BUCKET } from './attachments/import-sources';
import { UPLOAD_LIMITS } from './uploads/upload-limits';
import { UploadsService } from './uploads/uploads.service';

export const ATTACHMENTS_MIGRATIONS = [CreateAttachmentsSchema1795741200000];

/** Grants for the internal HTTP port live a minute: long enough to start a transfer, not to hoard. */
const GRANT_TTL_MS = 60_000;

@Module({})
export class AppModule {
  static register(env: AttachmentsEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SystemModule.forService('attachments'),
        DatabaseModule.forRoot({
          url: env.DATABASE_URL,
          schema: ATTACHMENTS_SCHEMA,
          entities: [Attachment],
          migrations: ATTACHMENTS_MIGRATIONS,
          poolSize: env.DATABASE_POOL_SIZE,
          applicationName: 'helpdesk-attachments',
          migrateOnStart: env.MIGRATE_ON_START,
        }),
        RpcClientsModule.forRoot({ url: env.RABBITMQ_URL, timeoutMs: env.RPC_TIMEOUT_MS }),
      ],
      controllers: [AttachmentsMessageController],
      providers: [
        {
          provide: OBJECT_STORAGE_OPTIONS,
          useValue: {
            endpoint: env.S3_ENDPOINT,
            accessKey: env.S3_ACCESS_KEY,
            secretKey: env.S3_SECRET_KEY,
            region: env.S3_REGION,
            bucket: env.S3_BUCKET,
          },
        },
        {
          provide: UPLOAD_LIMITS,
          useValue: {
            maxBytes: env.ATTACHMENT_MAX_BYTES,
            maxBytesPerMessage: env.ATTACHMENTS_MAX_BYTES_PER_MESSAGE,
            maxStoredBytesPerAccount: env.ATTACHMENTS_MAX_STORED_BYTES_PER_ACCOUNT,
          },
        },
        { provide: CLEAN_UP_OPTIONS, useValue: { unlinkedTtlMs: env.ATTACHMENT_UNLINKED_TTL } },
        { provide: IMPORT_SOURCE_BUCKET, useValue: env.S3_RAW_MAIL_BUCKET },
        {
          provide: TransferGrants,
          useValue: new TransferGrants({ secret: env.ATTACHMENTS_GRANT_SECRET, ttlMs: GRANT_TTL_MS }),
        },
        {
          provide: TRANSFER_HTTP_OPTIONS,
          useValue: { port: env.ATTACHMENTS_HTTP_PORT, host: env.ATTACHMENTS_HTTP_HOST },
        },
        { provide: MESSAGE_LINKS_OPTIONS, useValue: { url: env.RABBITMQ_URL } },
        AttachmentsRepository,
        AttachmentsService,
        FileSniffer,
        MessageLinksConsumer,
        ObjectStorage,
        TransferHttpServer,
        UploadsService,
      ],
    };
  }
}
