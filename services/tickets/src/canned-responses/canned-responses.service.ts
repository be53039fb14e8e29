import { Injectable } from '@nestjs/common';
import {
  CannedResponseView,
  CreateCannedResponseBody,
  DomainError,
  ErrorCode,
  isAdmin,
  isStaff,
  Principal,
  UpdateCannedResponseBody,
} from '@helpdesk/contracts';
import { DataSource, In, IsNull } from 'typeorm';

import { Clock } from '../common/clock';
import { TicketsRepository } from '../tickets/tickets.repository';
import { TicketsService } from '../tickets/tickets.service';
import { CannedResponse } from './canned-response.entity';
import { fillPlaceholders } from './fill-placeholders';

const toView = (response: CannedResponse, body = response.body): CannedResponseView => ({
  id: response.id,
  title: response.title,
  body,
  departmentId: response.departmentId,
  createdAt: response.createdAt.toISOString(),
  updatedAt: response.updatedAt.toISOString(),
});

/**
 * Pre-written replies: global ones (admins manage them) and per department (its staff manage
 * them). Staff see the global ones and their departments'.
 */
@Injectable()
export class CannedResponsesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ticketsService: TicketsService,
    private readonly tickets: TicketsRepository,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, ticketId?: number): Promise<CannedResponseView[]> {
    requireStaff(principal);
    if (ticketId === undefined) {
      const where = isAdmin(principal)
        ? {}
        : [{ departmentId: IsNull() }, { departmentId: In(principal.departmentIds) }];
      return (await this.repository().find({ where, order: { title: 'ASC' } })).map((response) => toView(response));
    }
    const ticket = await this.ticketsService.findVisible(principal, ticketId);
    const [responses, departmentName] = await Promise.all([
      this.repository().find({
        where: [{ departmentId: IsNull() }, { departmentId: ticket.departmentId }],
        order: { title: 'ASC' },
      }),
      this.tickets.departmentName(ticket.departmentId),
    ]);
    const values = {
      clientName: ticket.clientName,
      ticketId: Number(ticket.id),
      ticketSubject: ticket.subject,
      departmentName,
      staffName: principal.name,
    };
    return responses.map((response) => toView(response, fillPlaceholders(response.body, values)));
  }

  async create(principal: Principal, body: CreateCannedResponseBody): Promise<CannedResponseView> {
    const departmentId = body.departmentId ?? null;
    requireManager(principal, departmentId);
    const now = this.clock.now();
    const saved = await this.repository().save(
      this.repository().create({
        title: body.title,
        body: body.body,
        departmentId,
        createdBy: principal.id,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return toView(saved);
  }

  async update(principal: Principal, id: number, body: UpdateCannedResponseBody): Promise<CannedResponseView> {
    const response = await this.findManageable(principal, id);
    if (body.departmentId !== undefined) {
      requireManager(principal, body.departmentId);
      response.departmentId = body.departmentId;
    }
    response.title = body.title ?? response.title;
    response.body = body.body ?? response.body;
    response.updatedAt = this.clock.now();
    return toView(await this.repository().save(response));
  }

  async delete(principal: Principal, id: number): Promise<{ deleted: true }> {
    const response = await this.findManageable(principal, id);
    await this.repository().delete({ id: response.id });
    return { deleted: true };
  }

  private async findManageable(principal: Principal, id: number): Promise<CannedResponse> {
    requireStaff(principal);
    const response = await this.repository().findOneBy({ id });
    const visible =
      response &&
      (isAdmin(principal) || response.departmentId === null || principal.departmentIds.includes(response.departmentId));
    if (!response || !visible) {
      throw new DomainError(ErrorCode.CannedResponseNotFound, `Canned response ${id} does not exist.`, { id });
    }
    requireManager(principal, response.departmentId);
    return response;
  }

  private repository() {
    return this.dataSource.getRepository(CannedResponse);
  }
}

function requireStaff(principal: Principal): void {
  if (!isStaff(principal)) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only staff may use canned responses.');
  }
}

function requireManager(principal: Principal, departmentId: number | null): void {
  requireStaff(principal);
  if (isAdmin(principal)) {
    return;
  }
  if (departmentId === null) {
    throw new DomainError(ErrorCode.AccessDenied, 'Only administrators manage canned responses for every department.');
  }
  if (!principal.departmentIds.includes(departmentId)) {
    throw new DomainError(
      ErrorCode.AccessDenied,
      'departmentId: you may only manage canned responses of your departments.',
    );
  }
}
