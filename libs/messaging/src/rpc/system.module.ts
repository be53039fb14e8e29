import { Controller, DynamicModule, Module } from '@nestjs/common';
import { PingResult, SystemPatterns } from '@helpdesk/contracts';

import { RpcHandler } from './rpc-handler';

/** Adds `system.ping` to a service's RPC queue. */
@Module({})
export class SystemModule {
  static forService(service: string): DynamicModule {
    @Controller()
    class SystemMessageController {
      @RpcHandler(SystemPatterns.Ping)
      ping(): PingResult {
        return { service, at: new Date().toISOString() };
      }
    }
    return { module: SystemModule, controllers: [SystemMessageController] };
  }
}
