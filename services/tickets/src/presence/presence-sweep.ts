import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PollLoop } from '@helpdesk/config';
import { PRESENCE_GONE } from '@helpdesk/contracts';

import { Clock } from '../common/clock';
import { PresenceAnnouncer } from './presence-announcer';
import { PresenceRepository } from './presence.repository';

const SWEEP_INTERVAL_MS = 5_000;

/** Deletes presences whose heartbeats stopped (a closed tab) and announces them gone. */
@Injectable()
export class PresenceSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop = new PollLoop({
    name: 'Presence sweep',
    pollIntervalMs: SWEEP_INTERVAL_MS,
    pass: () => this.sweep(),
  });

  constructor(
    private readonly presence: PresenceRepository,
    private readonly announcer: PresenceAnnouncer,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  async sweep(): Promise<void> {
    for (const expired of await this.presence.sweep(this.clock.now())) {
      this.announcer.announce({ ...expired, state: PRESENCE_GONE });
    }
  }
}
