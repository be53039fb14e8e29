import { IsInt, Min } from 'class-validator';

import { WithPrincipal } from './with-principal';

export class ById {
  @IsInt()
  @Min(1)
  id: number;
}

export class ByIdPayload extends WithPrincipal(ById) {}
