export interface RefusalLimitsOptions {
  /** RCPTs judged on one connection (accepted or refused). */
  maxRecipientsPerConnection: number;
  maxRefusalsPerConnection: number;
  /** Refused RCPTs per client address in one clock hour. */
  maxRefusalsPerAddressPerHour: number;
  /** Client addresses counted at once; past it, a new address gets no refusals this hour. */
  maxAddresses: number;
}

interface ConnectionCounts {
  recipients: number;
  refusals: number;
}

const HOUR_MS = 3_600_000;

/**
 * Bounds what anonymous senders can make the listener do: a connection may have only so many
 * recipients judged and refused, an address only so many refused per hour (then 421), so that
 * guessing addresses costs us a bounded number of lookups and refusal records.
 */
export class RefusalLimits {
  private readonly connections = new Map<string, ConnectionCounts>();
  private readonly refusalsByAddress = new Map<string, number>();
  private hour = -1;

  constructor(
    private readonly options: RefusalLimitsOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether another RCPT of this connection may be judged; counts it when so. */
  mayJudge(connectionId: string, address: string): boolean {
    const counts = this.countsOf(connectionId);
    if (
      counts.recipients >= this.options.maxRecipientsPerConnection ||
      counts.refusals >= this.options.maxRefusalsPerConnection ||
      this.refusalsFrom(address) >= this.options.maxRefusalsPerAddressPerHour
    ) {
      return false;
    }
    counts.recipients++;
    return true;
  }

  /** Whether a new connection from this address may be served (it has refusals left this hour). */
  mayConnect(address: string): boolean {
    return this.refusalsFrom(address) < this.options.maxRefusalsPerAddressPerHour;
  }

  refused(connectionId: string, address: string): void {
    this.countsOf(connectionId).refusals++;
    this.rollHour();
    const refusals = this.refusalsByAddress.get(address);
    if (refusals !== undefined || this.refusalsByAddress.size < this.options.maxAddresses) {
      this.refusalsByAddress.set(address, (refusals ?? 0) + 1);
    }
  }

  closed(connectionId: string): void {
    this.connections.delete(connectionId);
  }

  refusalsFrom(address: string): number {
    this.rollHour();
    const refusals = this.refusalsByAddress.get(address);
    if (refusals === undefined && this.refusalsByAddress.size >= this.options.maxAddresses) {
      return this.options.maxRefusalsPerAddressPerHour;
    }
    return refusals ?? 0;
  }

  private countsOf(connectionId: string): ConnectionCounts {
    let counts = this.connections.get(connectionId);
    if (!counts) {
      counts = { recipients: 0, refusals: 0 };
      this.connections.set(connectionId, counts);
    }
    return counts;
  }

  private rollHour(): void {
    const hour = Math.floor(this.now() / HOUR_MS);
    if (hour !== this.hour) {
      this.hour = hour;
      this.refusalsByAddress.clear();
    }
  }
}
