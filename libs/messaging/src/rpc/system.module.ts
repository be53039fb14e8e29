import { Controller, DynamicModule, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { PingResult, SystemPatterns } from '@helpdesk/contracts';

/** Adds `system.ping` to a service's RPC queue. */
@Module({})
export class SystemModule {
  static forService(service: string): DynamicModule {
    @Controller()
    class SystemMessageController {
      @MessagePattern(SystemPatterns.Ping)
      ping(): PingResult {
        return { service, at: new Date().toISOString() };
      }
    }
    return { module: SystemModule, controllers: [SystemMessageController] };
  }
}
