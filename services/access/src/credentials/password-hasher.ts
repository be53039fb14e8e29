import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with its library defaults (memory-hard, salted per hash). */
@Injectable()
export class PasswordHasher {
  /** Verified against when an email is unknown, so both paths cost the same time. */
  private readonly decoy = hash('decoy password that matches nothing');

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
