import { Payload } from '@nestjs/microservices';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import {
  ByIdPayload,
  CreateTicketPayload,
  HistoryEntryView,
  PingResult,
  SystemPatterns,
  TicketPatterns,
  VersionedTicketView,
} from '@helpdesk/contracts';

import { RpcHandler } from './rpc-handler';

const ticket = {} as VersionedTicketView;

// The @ts-expect-error lines are the test of the types: the typecheck fails if one compiles.
class Handlers {
  @RpcHandler(TicketPatterns.Get)
  get(@Payload() payload: ByIdPayload): Promise<VersionedTicketView> {
    return Promise.resolve({ ...ticket, id: payload.id });
  }

  @RpcHandler(SystemPatterns.Ping)
  ping(): PingResult {
    return { service: 'test', at: '2026-01-01T00:00:00.000Z' };
  }

  // @ts-expect-error the result is not the pattern's (VersionedTicketView)
  @RpcHandler(TicketPatterns.Get)
  history(@Payload() payload: ByIdPayload): Promise<HistoryEntryView[]> {
    return Promise.resolve([{ id: payload.id } as HistoryEntryView]);
  }

  // @ts-expect-error the payload is another pattern's
  @RpcHandler(TicketPatterns.Get)
  create(@Payload() payload: CreateTicketPayload): Promise<VersionedTicketView> {
    return Promise.resolve({ ...ticket, subject: payload.subject });
  }

  // @ts-expect-error ByIdPayload fits UpdateTicketPayload's type, but would validate away its fields
  @RpcHandler(TicketPatterns.Update)
  update(@Payload() payload: ByIdPayload): Promise<VersionedTicketView> {
    return Promise.resolve({ ...ticket, id: payload.id });
  }
}

describe(RpcHandler.name, () => {
  it('registers the handler for its pattern, as @MessagePattern does', () => {
    expect(Reflect.getMetadata(PATTERN_METADATA, Handlers.prototype.get)).toEqual([TicketPatterns.Get]);
    expect(Reflect.getMetadata(PATTERN_METADATA, Handlers.prototype.ping)).toEqual([SystemPatterns.Ping]);
  });
});
