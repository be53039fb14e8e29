import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { apiUrl } from './client';
import { keys } from './queries';

const ticketLists = [...keys.tickets, 'list'] as const;

/**
 * The staff console's live updates (GET /api/events/stream): a new message refreshes its ticket
 * and the lists, a presence change who is on it. EventSource cannot send an Authorization
 * header, so the token goes in the address, which this one route accepts. It reconnects by
 * itself; what happened meanwhile is fetched again on each (re)connection.
 */
export function useStaffEventStream(accessToken: string | undefined): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!accessToken) {
      return;
    }
    const source = new EventSource(apiUrl('/events/stream', { access_token: accessToken }));
    const ticketOf = (event: Event) =>
      (JSON.parse((event as MessageEvent<string>).data) as { ticketId: number }).ticketId;
    source.addEventListener('open', () => void client.invalidateQueries({ queryKey: keys.tickets }));
    source.addEventListener('message', (event) => {
      const ticketId = ticketOf(event);
      void client.invalidateQueries({ queryKey: keys.ticket(ticketId) });
      void client.invalidateQueries({ queryKey: keys.history(ticketId) });
      void client.invalidateQueries({ queryKey: ticketLists });
    });
    source.addEventListener('presence', (event) => {
      void client.invalidateQueries({ queryKey: keys.presence(ticketOf(event)) });
      void client.invalidateQueries({ queryKey: ticketLists });
    });
    return () => source.close();
  }, [client, accessToken]);
}
