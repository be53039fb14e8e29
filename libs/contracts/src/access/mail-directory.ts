import { IsEmail, MaxLength } from 'class-validator';

import { WithPrincipal } from '../common/with-principal';
import { Principal } from '../principal';

class ByEmail {
  @IsEmail()
  @MaxLength(254)
  email: string;
}

/** `principals.find-by-email`: who an inbound mail's sender is. Administrators (the system principal) only. */
export class FindPrincipalByEmailPayload extends WithPrincipal(ByEmail) {}

export interface FoundPrincipal {
  /** The active staff member or client with this address (any case), or null. */
  principal: Principal | null;
}
