import { DynamicModule, Module } from '@nestjs/common';

import { Clock } from '../common/clock';
import { TicketTransactions } from '../ticket-writes/ticket-writer';
import { AutoClosePolicy } from './auto-close-policy';
import { AutoCloseMessageController } from './auto-close.message.controller';
import { AutoCloseRepository } from './auto-close.repository';
import { AUTO_CLOSE_POLICY, AutoCloseService } from './auto-close.service';

/** `tickets.auto-close-sweep`: needs the service's DataSource and Outbox (both global). */
@Module({})
export class AutoCloseModule {
  static register(policy: AutoClosePolicy): DynamicModule {
    return {
      module: AutoCloseModule,
      controllers: [AutoCloseMessageController],
      providers: [
        { provide: AUTO_CLOSE_POLICY, useValue: policy },
        AutoCloseRepository,
        AutoCloseService,
        Clock,
        TicketTransactions,
      ],
    };
  }
}
