import amqp from 'amqplib';

import { BenchContext } from '../lib/context';
import { sleep } from '../lib/stats';
import { BenchWorld, openTickets } from './world';

/** notifications' queue of ticket events (services/notifications, TICKET_EVENTS_QUEUE). */
const EVENTS_QUEUE = 'notifications.ticket-events';

export interface NotificationsResult {
  events: number;
  expectedMails: number;
  delivered: number;
  /** From the first mail to the last. */
  seconds: number;
  mailsPerSecond: number;
  eventsPerSecond: number;
  /** From the service's start (connecting, migrations) to the last mail. */
  secondsFromStart: number;
  /** CPU ms per delivered mail of each process, from the service's start to the last mail. */
  cpuMsPerMail: Record<string, number>;
}

/** Stops notifications, so the load scenarios measure their own work; their events are discarded. */
export async function pauseNotifications(context: BenchContext): Promise<void> {
  await context.system.stopService('notifications');
}

/**
 * Events → mails: with notifications stopped, clients open tickets in the staff member's
 * departments (each event means two mails: the acknowledgement and the notice to the staff);
 * once every event waits in the queue, notifications starts and the mails arriving at the SMTP
 * sink are counted.
 */
export async function runNotificationsScenario(context: BenchContext, world: BenchWorld): Promise<NotificationsResult> {
  await pauseNotifications(context);
  const connection = await amqp.connect(context.infra.rabbitmqUrl);
  const channel = await connection.createChannel();
  try {
    await channel.purgeQueue(EVENTS_QUEUE);
    const count = context.plan.notificationTickets;
    await openTickets(context, world, count, world.staff.departmentIds, 32);
    const deadline = Date.now() + 120_000;
    while ((await channel.checkQueue(EVENTS_QUEUE)).messageCount < count && Date.now() < deadline) {
      await sleep(200);
    }
    const events = (await channel.checkQueue(EVENTS_QUEUE)).messageCount;
    const expectedMails = events * 2;
    const before = await delivered(context);
    context.memory.enter('notifications');
    const cpuBefore = await context.cpu.snapshot();
    const started = Date.now();
    context.system.startService('notifications');
    // Polled: the rate is taken between the first poll that saw mail and the last that saw more.
    let first = 0;
    let atFirst = 0;
    let last = 0;
    let got = 0;
    const stopAt = Date.now() + (context.options.quick ? 60_000 : 180_000);
    while (Date.now() < stopAt) {
      const now = (await delivered(context)) - before;
      if (now > got) {
        last = Date.now();
        if (!first) {
          first = last;
          atFirst = now;
        }
        got = now;
      }
      if (got >= expectedMails) {
        break;
      }
      await sleep(100);
    }
    const cpuMsPerMail = await context.cpu.perUnit(cpuBefore, got);
    await context.system.waitForService('notifications');
    const seconds = Math.max(0.001, (last - first) / 1000);
    const result = {
      events,
      expectedMails,
      delivered: got,
      seconds,
      mailsPerSecond: (got - atFirst) / seconds,
      eventsPerSecond: (got - atFirst) / 2 / seconds,
      secondsFromStart: (last - started) / 1000,
      cpuMsPerMail,
    };
    context.log(
      `notifications: ${result.delivered} of ${expectedMails} mails in ${seconds.toFixed(1)} s (${result.mailsPerSecond.toFixed(0)}/s)`,
    );
    return result;
  } finally {
    await connection.close();
  }
}

async function delivered(context: BenchContext): Promise<number> {
  return (await context.sidecar.ask<{ delivered: number }>('delivered')).delivered;
}
