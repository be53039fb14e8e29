import { Module } from '@nestjs/common';

import { DepartmentsMessageController } from './departments.message.controller';
import { DepartmentsRepository } from './departments.repository';
import { DepartmentsService } from './departments.service';

@Module({
  controllers: [DepartmentsMessageController],
  providers: [DepartmentsRepository, DepartmentsService],
  exports: [DepartmentsRepository],
})
export class DepartmentsModule {}
