// Every API call of the app, with its cache key. Lists poll so that new activity shows up by
// itself; changes invalidate what they affect.
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';

import { api, request } from './client';
import type {
  ApiTokenAdminView,
  ApiTokenSecret,
  ApiTokenView,
  AttachmentView,
  CreateApiTokenBody,
  CannedResponseView,
  ClientView,
  CreateCannedResponseBody,
  CreateClientBody,
  CreateMailboxBody,
  CreateDepartmentBody,
  CreateStaffBody,
  CreateTicketBody,
  DepartmentView,
  HistoryEntryView,
  InboundMailView,
  JobView,
  ListInboundMailsQuery,
  ListTicketsQuery,
  MailboxStatusView,
  MailboxTestResult,
  MailboxView,
  MergeTicketsBody,
  SplitTicketBody,
  MessageBody,
  MentionView,
  MessageView,
  Page,
  ParticipantsView,
  PresenceState,
  PresenceView,
  CcView,
  FollowerView,
  Principal,
  StaffView,
  TicketEmailView,
  TicketSummary,
  TicketLinkView,
  TicketView,
  UpdateCannedResponseBody,
  UpdateDepartmentBody,
  UpdateMailboxBody,
  UpdateStaffBody,
  UpdateTicketBody,
  UpdateWebhookBody,
  CreateWebhookBody,
  DeliveryStatus,
  WebhookDeliveryDetail,
  WebhookDeliveryView,
  WebhookSecret,
  WebhookView,
} from './types';

/** How often open lists and tickets look for new activity. */
export const LIST_POLL_MS = 5_000;
export const TICKET_POLL_MS = 10_000;
export const TICKET_PAGE_SIZE = 50;

export const keys = {
  me: ['me'] as const,
  tickets: ['tickets'] as const,
  ticketList: (query: ListTicketsQuery) => ['tickets', 'list', query] as const,
  ticket: (id: number) => ['tickets', 'one', id] as const,
  history: (id: number) => ['tickets', 'history', id] as const,
  emails: (id: number) => ['tickets', 'emails', id] as const,
  participants: (id: number) => ['tickets', 'participants', id] as const,
  links: (id: number) => ['tickets', 'links', id] as const,
  presence: (id: number) => ['tickets', 'presence', id] as const,
  mentions: ['me', 'mentions'] as const,
  canned: (ticketId?: number) => ['canned-responses', ticketId ?? 'all'] as const,
  departments: ['departments'] as const,
  departmentStaff: (id: number) => ['departments', id, 'staff'] as const,
  staff: ['staff'] as const,
  clients: (q: string) => ['clients', q] as const,
  jobs: ['admin', 'jobs'] as const,
  inboundMails: (query: ListInboundMailsQuery) => ['inbound-mails', query] as const,
  webhooks: ['admin', 'webhooks'] as const,
  mailboxes: ['admin', 'mailboxes'] as const,
  mailboxStatus: (id: number) => ['admin', 'mailboxes', id, 'status'] as const,
  ownTokens: ['api-tokens', 'own'] as const,
  allTokens: ['api-tokens', 'all'] as const,
  deliveries: (webhookId: number, status?: DeliveryStatus) =>
    ['admin', 'webhooks', webhookId, 'deliveries', status ?? 'all'] as const,
};

export function useMe(enabled: boolean) {
  return useQuery({
    queryKey: keys.me,
    queryFn: ({ signal }) => api.get<Principal>('/me', undefined, signal),
    enabled,
  });
}

export function useTicketList(query: Omit<ListTicketsQuery, 'cursor' | 'limit'>) {
  const full: ListTicketsQuery = { ...query, limit: TICKET_PAGE_SIZE };
  return useInfiniteQuery({
    queryKey: keys.ticketList(full),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<TicketSummary>>('/tickets', { ...full, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: LIST_POLL_MS,
  });
}

export function useTicket(id: number) {
  return useQuery({
    queryKey: keys.ticket(id),
    queryFn: ({ signal }) => api.get<TicketView>(`/tickets/${id}`, undefined, signal),
    refetchInterval: TICKET_POLL_MS,
  });
}

/** Who is on the ticket; the page's heartbeats refresh it too (presence.tsx). */
export function usePresence(id: number, enabled: boolean) {
  return useQuery({
    queryKey: keys.presence(id),
    queryFn: ({ signal }) => api.get<PresenceView[]>(`/tickets/${id}/presence`, undefined, signal),
    enabled,
  });
}

export function sendPresence(id: number, state: PresenceState): Promise<PresenceView[]> {
  return api.put<PresenceView[]>(`/tickets/${id}/presence`, { state });
}

export function endPresence(id: number): Promise<{ removed: true }> {
  return api.delete<{ removed: true }>(`/tickets/${id}/presence`);
}

export function useTicketLinks(id: number) {
  return useQuery({
    queryKey: keys.links(id),
    queryFn: ({ signal }) => api.get<TicketLinkView[]>(`/tickets/${id}/links`, undefined, signal),
    refetchInterval: TICKET_POLL_MS,
  });
}

/** Links ticket `id` to another as related, or removes such a link; both tickets' links change. */
export function useChangeTicketLink(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ ticketId, remove }: { ticketId: number; remove?: boolean }): Promise<void> => {
      await (remove
        ? api.delete<{ removed: true }>(`/tickets/${id}/links/${ticketId}`)
        : api.post<TicketLinkView>(`/tickets/${id}/links`, { ticketId, type: 'related' }));
    },
    onSuccess: (_, { ticketId }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.links(id) }),
        client.invalidateQueries({ queryKey: keys.links(ticketId) }),
      ]),
  });
}

export function useTicketHistory(id: number, enabled = true) {
  return useQuery({
    queryKey: keys.history(id),
    queryFn: ({ signal }) => api.get<HistoryEntryView[]>(`/tickets/${id}/history`, undefined, signal),
    enabled,
    refetchInterval: TICKET_POLL_MS,
  });
}

export function useTicketEmails(id: number, enabled = true) {
  return useQuery({
    queryKey: keys.emails(id),
    queryFn: ({ signal }) => api.get<TicketEmailView[]>(`/tickets/${id}/emails`, undefined, signal),
    enabled,
    retry: false,
  });
}

export function useCannedResponses(ticketId?: number, enabled = true) {
  return useQuery({
    queryKey: keys.canned(ticketId),
    queryFn: ({ signal }) => api.get<CannedResponseView[]>('/canned-responses', { ticketId }, signal),
    enabled,
  });
}

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: keys.departments,
    queryFn: ({ signal }) => api.get<DepartmentView[]>('/departments', undefined, signal),
    staleTime: 60_000,
    enabled,
  });
}

/** Active staff who work in a department: the people a ticket there can be assigned to. */
export function useDepartmentStaff(departmentId: number | undefined) {
  return useQuery({
    queryKey: keys.departmentStaff(departmentId ?? 0),
    queryFn: ({ signal }) => api.get<StaffView[]>(`/departments/${departmentId}/staff`, undefined, signal),
    enabled: departmentId !== undefined,
    staleTime: 60_000,
  });
}

export function useStaffList(enabled = true) {
  return useQuery({
    queryKey: keys.staff,
    queryFn: ({ signal }) => api.get<StaffView[]>('/staff', undefined, signal),
    enabled,
  });
}

/** The scheduler's jobs, refreshed while the page is open. */
export function useJobs() {
  return useQuery({
    queryKey: keys.jobs,
    queryFn: ({ signal }) => api.get<JobView[]>('/admin/jobs', undefined, signal),
    refetchInterval: LIST_POLL_MS,
  });
}

/** The inbound mail log, newest first; polled like the ticket list. */
export function useInboundMails(query: Omit<ListInboundMailsQuery, 'cursor' | 'limit'>) {
  const full: ListInboundMailsQuery = { ...query, limit: 50 };
  return useInfiniteQuery({
    queryKey: keys.inboundMails(full),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<InboundMailView>>('/inbound-mails', { ...full, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: LIST_POLL_MS,
  });
}

/** Posts a held inbound mail (an unverified sender) as its client. */
export function useReleaseInboundMail() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<InboundMailView>(`/inbound-mails/${id}/release`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inbound-mails'] }),
  });
}

/** The inbound mail a message of a ticket came from (email replies), found in the ticket's mail log. */
export async function findInboundMail(ticketId: number, messageId: number): Promise<InboundMailView | null> {
  let cursor: string | null = null;
  do {
    const page: Page<InboundMailView> = await api.get('/inbound-mails', {
      ticketId,
      limit: 100,
      cursor: cursor ?? undefined,
    });
    const found = page.items.find((mail) => mail.addedMessageId === messageId);
    if (found) {
      return found;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return null;
}

export function useClients(q: string) {
  return useInfiniteQuery({
    queryKey: keys.clients(q),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ClientView>>('/clients', { q: q || undefined, cursor: pageParam ?? undefined, limit: 50 }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
}

const invalidateTicket = (client: QueryClient, id: number) =>
  Promise.all([
    client.invalidateQueries({ queryKey: keys.ticket(id) }),
    client.invalidateQueries({ queryKey: keys.history(id) }),
    client.invalidateQueries({ queryKey: keys.participants(id) }),
    client.invalidateQueries({ queryKey: ['tickets', 'list'] }),
  ]);

export function useUpdateTicket(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTicketBody) => api.patch<TicketView>(`/tickets/${id}`, body),
    onSuccess: (ticket) => {
      client.setQueryData(keys.ticket(id), ticket);
      return invalidateTicket(client, id);
    },
  });
}

/** Merges other tickets into ticket `id`; the list and those tickets change too. */
export function useMergeTickets(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MergeTicketsBody) => api.post<TicketView>(`/tickets/${id}/merge`, body),
    onSuccess: (ticket) => {
      client.setQueryData(keys.ticket(id), ticket);
      return client.invalidateQueries();
    },
  });
}

/** Moves client messages of ticket `id` to a new ticket; answers the new one. */
export function useSplitTicket(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SplitTicketBody) => api.post<TicketView>(`/tickets/${id}/split`, body),
    onSuccess: () => client.invalidateQueries(),
  });
}

/** Undoes the merge of ticket `id` (within 24 hours of it). */
export function useUnmerge(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TicketView>(`/tickets/${id}/unmerge`, {}),
    onSuccess: (ticket) => {
      client.setQueryData(keys.ticket(id), ticket);
      return client.invalidateQueries();
    },
  });
}

/** Staff vouch for the requester of a ticket opened from an unverified mail; from then on they get its mail. */
export function useVerifyRequester(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TicketView>(`/tickets/${id}/verify-requester`, {}),
    onSuccess: (ticket) => {
      client.setQueryData(keys.ticket(id), ticket);
      return invalidateTicket(client, id);
    },
  });
}

export function useAddMessage(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ internal, body }: { internal: boolean; body: MessageBody }) =>
      api.post<MessageView>(`/tickets/${id}/${internal ? 'notes' : 'replies'}`, body),
    onSuccess: () => invalidateTicket(client, id),
  });
}

export function useCreateTicket() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTicketBody) => api.post<TicketView>('/tickets', body),
    onSuccess: (ticket) => {
      client.setQueryData(keys.ticket(ticket.id), ticket);
      return client.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}

/** Uploads files for a message to come; the ids go into its `attachmentIds`. */
export async function uploadAttachments(files: File[]): Promise<AttachmentView[]> {
  const form = new FormData();
  for (const file of files) {
    form.append('file', file, file.name);
  }
  return request<AttachmentView[]>('POST', '/attachments', { body: form });
}

export function useSaveDepartment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: CreateDepartmentBody | UpdateDepartmentBody }) =>
      id === undefined
        ? api.post<DepartmentView>('/departments', body)
        : api.patch<DepartmentView>(`/departments/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.departments }),
  });
}

export function useSaveStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: CreateStaffBody | UpdateStaffBody }) =>
      id === undefined ? api.post<StaffView>('/staff', body) : api.patch<StaffView>(`/staff/${id}`, body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.staff }),
        client.invalidateQueries({ queryKey: keys.departments }),
      ]),
  });
}

export function useCreateClient() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateClientBody) => api.post<ClientView>('/clients', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['clients'] }),
  });
}

export function useSaveCannedResponse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: CreateCannedResponseBody | UpdateCannedResponseBody }) =>
      id === undefined
        ? api.post<CannedResponseView>('/canned-responses', body)
        : api.patch<CannedResponseView>(`/canned-responses/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['canned-responses'] }),
  });
}

export function useDeleteCannedResponse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ deleted: true }>(`/canned-responses/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['canned-responses'] }),
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: keys.webhooks,
    queryFn: ({ signal }) => api.get<WebhookView[]>('/admin/webhooks', undefined, signal),
  });
}

/** Creating answers the signing secret, and so does rotating: the only times it is shown. */
export function useSaveWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id?: number;
      body: CreateWebhookBody | UpdateWebhookBody;
    }): Promise<WebhookSecret | WebhookView> =>
      id === undefined
        ? api.post<WebhookSecret>('/admin/webhooks', body)
        : api.patch<WebhookView>(`/admin/webhooks/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ deleted: true }>(`/admin/webhooks/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useRotateWebhookSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<WebhookSecret>(`/admin/webhooks/${id}/rotate-secret`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useTestWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<WebhookDeliveryView>(`/admin/webhooks/${id}/test`),
    onSuccess: (_delivery, id) => client.invalidateQueries({ queryKey: ['admin', 'webhooks', id, 'deliveries'] }),
  });
}

/** A webhook's delivery log, newest first; polled while the page is open. */
export function useWebhookDeliveries(webhookId: number, status?: DeliveryStatus) {
  return useQuery({
    queryKey: keys.deliveries(webhookId, status),
    queryFn: ({ signal }) =>
      api.get<WebhookDeliveryView[]>(`/admin/webhooks/${webhookId}/deliveries`, { status }, signal),
    refetchInterval: LIST_POLL_MS,
  });
}

export function useWebhookDelivery(webhookId: number, deliveryId: string | null) {
  return useQuery({
    queryKey: ['admin', 'webhooks', webhookId, 'delivery', deliveryId],
    queryFn: ({ signal }) =>
      api.get<WebhookDeliveryDetail>(`/admin/webhooks/${webhookId}/deliveries/${deliveryId}`, undefined, signal),
    enabled: deliveryId !== null,
  });
}

export function useRedeliver(webhookId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      api.post<WebhookDeliveryView>(`/admin/webhooks/${webhookId}/deliveries/${deliveryId}/redeliver`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'webhooks', webhookId] }),
  });
}

export function useParticipants(ticketId: number) {
  return useQuery({
    queryKey: keys.participants(ticketId),
    queryFn: ({ signal }) => api.get<ParticipantsView>(`/tickets/${ticketId}/participants`, undefined, signal),
    refetchInterval: TICKET_POLL_MS,
  });
}

/** Adds or removes a CC, follows or unfollows (`me` or a staff id). */
export function useChangeParticipants(ticketId: number) {
  const client = useQueryClient();
  const done = () => client.invalidateQueries({ queryKey: keys.participants(ticketId) });
  return {
    addCc: useMutation({
      mutationFn: (body: { email: string; name?: string }) => api.post<CcView>(`/tickets/${ticketId}/ccs`, body),
      onSuccess: done,
    }),
    removeCc: useMutation({
      mutationFn: (email: string) => api.delete<void>(`/tickets/${ticketId}/ccs/${encodeURIComponent(email)}`),
      onSuccess: done,
    }),
    follow: useMutation({
      mutationFn: (staffId: number | 'me') => api.put<FollowerView>(`/tickets/${ticketId}/followers/${staffId}`),
      onSuccess: done,
    }),
    unfollow: useMutation({
      mutationFn: (staffId: number | 'me') => api.delete<void>(`/tickets/${ticketId}/followers/${staffId}`),
      onSuccess: done,
    }),
  };
}

export function useMentions() {
  return useQuery({
    queryKey: keys.mentions,
    queryFn: ({ signal }) => api.get<MentionView[]>('/me/mentions', undefined, signal),
    refetchInterval: LIST_POLL_MS,
  });
}

export function useOwnApiTokens() {
  return useQuery({
    queryKey: keys.ownTokens,
    queryFn: ({ signal }) => api.get<ApiTokenView[]>('/me/tokens', undefined, signal),
  });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) => api.post<ApiTokenSecret>('/me/tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}

/** Revokes one of the user's own tokens, or (`anyone`, admins) anybody's. */
export function useRevokeApiToken(anyone = false) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ revoked: true }>(anyone ? `/admin/tokens/${id}` : `/me/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}

/** Everyone's tokens (admins). */
export function useAllApiTokens() {
  return useQuery({
    queryKey: keys.allTokens,
    queryFn: ({ signal }) => api.get<ApiTokenAdminView[]>('/admin/tokens', undefined, signal),
  });
}

export function useMailboxes() {
  return useQuery({
    queryKey: keys.mailboxes,
    queryFn: ({ signal }) => api.get<MailboxView[]>('/admin/mailboxes', undefined, signal),
  });
}

/** Where a mailbox's fetcher is; polled while the page is open. */
export function useMailboxStatus(id: number) {
  return useQuery({
    queryKey: keys.mailboxStatus(id),
    queryFn: ({ signal }) => api.get<MailboxStatusView>(`/admin/mailboxes/${id}/status`, undefined, signal),
    refetchInterval: LIST_POLL_MS,
  });
}

/** The API tests the connection before it saves new connection settings. */
export function useSaveMailbox() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: CreateMailboxBody | UpdateMailboxBody }) =>
      id === undefined
        ? api.post<MailboxView>('/admin/mailboxes', body)
        : api.patch<MailboxView>(`/admin/mailboxes/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.mailboxes }),
  });
}

export function useDeleteMailbox() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete<{ deleted: true }>(`/admin/mailboxes/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.mailboxes }),
  });
}

/** Connects and lists the folders; changes nothing. */
export function useTestMailbox() {
  return useMutation({
    mutationFn: (id: number) => api.post<MailboxTestResult>(`/admin/mailboxes/${id}/test`),
  });
}
