import { Logger } from '@nestjs/common';
import { ErrorCode, RpcErrorEnvelope } from '@helpdesk/contracts';
import { firstValueFrom } from 'rxjs';

import { RpcErrorFilter } from './rpc-error.filter';

async function envelopeOf(error: unknown): Promise<RpcErrorEnvelope> {
  try {
    await firstValueFrom(new RpcErrorFilter().catch(error));
  } catch (envelope) {
    return envelope as RpcErrorEnvelope;
  }
  throw new Error('The filter let the error through');
}

describe(RpcErrorFilter.name, () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a terminated pool connection', new Error('Connection terminated unexpectedly')],
    ['an administrator shutdown (57P01)', { message: 'terminating connection', driverError: { code: '57P01' } }],
    ['a connection failure (08006)', { message: 'connection failure', driverError: { code: '08006' } }],
    [
      'a transaction whose connection the server ended',
      Object.assign(new Error('Database connection provided by a query runner was already released'), {
        name: 'QueryRunnerProviderAlreadyReleasedError',
      }),
    ],
  ])('answers %s with SERVICE_UNAVAILABLE', async (_, error) => {
    await expect(envelopeOf(error)).resolves.toMatchObject({ code: ErrorCode.ServiceUnavailable });
  });

  it('answers any other error with INTERNAL', async () => {
    await expect(envelopeOf(new Error('boom'))).resolves.toMatchObject({ code: ErrorCode.Internal });
  });
});
