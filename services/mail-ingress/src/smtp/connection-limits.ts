/** Open connections per client address, so one peer cannot take every slot of maxClients. */
export class ConnectionLimits {
  private readonly byAddress = new Map<string, number>();
  private readonly addressOf = new Map<string, string>();

  constructor(private readonly maxPerAddress: number) {}

  /** Counts a new connection, or refuses it (false) when its address has too many open. */
  open(connectionId: string, address: string): boolean {
    const open = this.byAddress.get(address) ?? 0;
    if (open >= this.maxPerAddress) {
      return false;
    }
    this.byAddress.set(address, open + 1);
    this.addressOf.set(connectionId, address);
    return true;
  }

  /** Idempotent; a refused connection was never counted. */
  close(connectionId: string): void {
    const address = this.addressOf.get(connectionId);
    if (address === undefined) {
      return;
    }
    this.addressOf.delete(connectionId);
    const open = (this.byAddress.get(address) ?? 1) - 1;
    if (open <= 0) {
      this.byAddress.delete(address);
    } else {
      this.byAddress.set(address, open);
    }
  }

  openFrom(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }
}
