import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

import { ApiField, ApiFieldOptional } from '../common/api-docs';
import { PageQuery } from '../common/page';
import { Trimmed } from '../common/trimmed';
import { WithPrincipal } from '../common/with-principal';
import { PASSWORD_MIN_LENGTH } from './staff';

export interface ClientView {
  id: number;
  email: string;
  name: string;
  active: boolean;
  createdAt: string;
}

export class CreateClientBody {
  @ApiField({ example: 'client@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiField({ example: 'Casey Client' })
  @Trimmed()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiFieldOptional({
    minLength: PASSWORD_MIN_LENGTH,
    description: 'lets the client sign in to the portal; without one they work by email only',
  })
  @IsOptional()
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, 200)
  password?: string;
}

export class ListClientsQuery extends PageQuery {
  @ApiFieldOptional({ description: 'part of the name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class CreateClientPayload extends WithPrincipal(CreateClientBody) {}
export class ListClientsPayload extends WithPrincipal(ListClientsQuery) {}
