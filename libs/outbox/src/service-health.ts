import { INestApplicationContext } from '@nestjs/common';
import { startHealthServer } from '@helpdesk/config';
import { DataSource } from 'typeorm';

import { Outbox } from './outbox.module';

/** `/health` of a service that has a database and an outbox: both must answer. */
export function startServiceHealth(app: INestApplicationContext, port: number): void {
  const dataSource = app.get(DataSource);
  const outbox = app.get(Outbox);
  const server = startHealthServer(port, {
    database: () => dataSource.query('SELECT 1'),
    broker: async () => {
      if (!outbox.brokerConnected()) {
        throw new Error('not connected');
      }
    },
  });
  process.once('SIGTERM', () => server?.close());
  process.once('SIGINT', () => server?.close());
}
