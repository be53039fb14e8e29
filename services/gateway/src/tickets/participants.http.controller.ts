import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Injectable,
  Param,
  PipeTransform,
  Post,
  Put,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AddCcBody,
  ApiScope,
  CcView,
  DomainError,
  EMAIL_MAX_LENGTH,
  ErrorCode,
  FollowerView,
  isStaff,
  MentionView,
  ParticipantsView,
  ParticipantVia,
  Principal,
  TicketPatterns,
} from '@helpdesk/contracts';
import { TicketsClient } from '@helpdesk/messaging';
import type { FastifyReply } from 'fastify';

import { CurrentPrincipal, RequestVia, TokenScope } from '../auth/auth.decorators';
import { idParam } from '../common-params';

/** `:email` of DELETE /api/tickets/:id/ccs/:email (the tickets service checks it is an address). */
@Injectable()
class EmailParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const email = value.trim().toLowerCase();
    if (email.length === 0 || email.length > EMAIL_MAX_LENGTH || !email.includes('@')) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        "email: give the CC's address, as in /api/tickets/1042/ccs/robin%40example.com",
      );
    }
    return email;
  }
}

/** `:staffId`: a staff id, or `me` for the caller. */
@Injectable()
class StaffIdParamPipe implements PipeTransform<string, string | number> {
  transform(value: string): string | number {
    return value === 'me' ? value : idParam.transform(value);
  }
}

const emailParam = new EmailParamPipe();
const staffIdParam = new StaffIdParamPipe();

@ApiTags('tickets')
@ApiBearerAuth()
@TokenScope(ApiScope.TicketsRead)
@Controller()
export class ParticipantsHttpController {
  constructor(private readonly tickets: TicketsClient) {}

  @Get('tickets/:id/participants')
  @ApiOperation({ summary: "A ticket's CCs and followers (clients see the CCs only)" })
  list(@CurrentPrincipal() principal: Principal, @Param('id', idParam) id: number): Promise<ParticipantsView> {
    return this.tickets.send(TicketPatterns.ListParticipants, { principal, id });
  }

  @Post('tickets/:id/ccs')
  @TokenScope(ApiScope.TicketsWrite)
  @ApiOperation({ summary: 'Add a CC (staff; the client where the department allows it): 201, or 200 if already one' })
  async addCc(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) ticketId: number,
    @Body() body: AddCcBody,
    @RequestVia() via: ParticipantVia,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CcView> {
    const { cc, created } = await this.tickets.send(TicketPatterns.AddCc, {
      principal,
      ticketId,
      via,
      ...body,
    });
    reply.status(created ? 201 : 200);
    return cc;
  }

  @Delete('tickets/:id/ccs/:email')
  @TokenScope(ApiScope.TicketsWrite)
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a CC; their reply address stops working' })
  async removeCc(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) ticketId: number,
    @Param('email', emailParam) email: string,
  ): Promise<void> {
    await this.tickets.send(TicketPatterns.RemoveCc, { principal, ticketId, email });
  }

  @Put('tickets/:id/followers/:staffId')
  @TokenScope(ApiScope.TicketsWrite)
  @ApiOperation({ summary: 'Make staff of the department (or `me`) a follower (staff)' })
  follow(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) ticketId: number,
    @Param('staffId', staffIdParam) staffId: string | number,
  ): Promise<FollowerView> {
    return this.tickets.send(TicketPatterns.Follow, { principal, ticketId, staffId: staffIdOf(principal, staffId) });
  }

  @Delete('tickets/:id/followers/:staffId')
  @TokenScope(ApiScope.TicketsWrite)
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop a follower (or `me`) following (staff)' })
  async unfollow(
    @CurrentPrincipal() principal: Principal,
    @Param('id', idParam) ticketId: number,
    @Param('staffId', staffIdParam) staffId: string | number,
  ): Promise<void> {
    await this.tickets.send(TicketPatterns.Unfollow, { principal, ticketId, staffId: staffIdOf(principal, staffId) });
  }

  @Get('me/mentions')
  @ApiOperation({ summary: "The caller's recent @mentions in notes (staff)" })
  mentions(@CurrentPrincipal() principal: Principal): Promise<MentionView[]> {
    return this.tickets.send(TicketPatterns.ListMentions, { principal });
  }
}

function staffIdOf(principal: Principal, staffId: string | number): number {
  if (staffId !== 'me') {
    return Number(staffId);
  }
  if (!isStaff(principal)) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only staff follow tickets.');
  }
  return principal.id;
}
