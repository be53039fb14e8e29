import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '@helpdesk/contracts';
import { RpcClient, RpcClientOptions } from '@helpdesk/messaging';

import { CommandOutcome } from './job-counts';
import { JobDefinition } from './job-definitions';

export const JOB_COMMANDS_OPTIONS = Symbol('JOB_COMMANDS_OPTIONS');

/** Any command of any service: the jobs are data, their answers are only counted. */
type AnyCommandRpc = Record<string, { payload: Record<string, unknown>; result: unknown }>;

/** Sends a job's command to each of its services, with the job timeout (JOB_TIMEOUT). */
@Injectable()
export class JobCommands implements OnApplicationShutdown {
  private readonly clients = new Map<string, RpcClient<AnyCommandRpc>>();

  constructor(@Inject(JOB_COMMANDS_OPTIONS) private readonly options: RpcClientOptions) {}

  send(job: Pick<JobDefinition, 'pattern' | 'payload' | 'queues'>): Promise<CommandOutcome[]> {
    return Promise.all(
      job.queues.map(async (queue): Promise<CommandOutcome> => {
        try {
          return { queue, ok: true, result: await this.client(queue).send(job.pattern, job.payload) };
        } catch (error) {
          const { code, message } = error as Partial<DomainError>;
          return { queue, ok: false, error: { code, message: message ?? String(error) } };
        }
      }),
    );
  }

  /** Last, after the runner let its runs finish (beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.onModuleDestroy()));
  }

  private client(queue: string): RpcClient<AnyCommandRpc> {
    let client = this.clients.get(queue);
    if (!client) {
      client = new RpcClient<AnyCommandRpc>(queue, this.options);
      this.clients.set(queue, client);
    }
    return client;
  }
}
