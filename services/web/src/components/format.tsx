import { useEffect, useState } from 'react';

import type { TicketPriority, TicketStatus } from '../api/types';
import { PRIORITY_LABELS, STATUS_LABELS } from '../api/vocabulary';

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatDateTime(iso: string): string {
  return absolute.format(new Date(iso));
}

export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) {
    return 'just now';
  }
  if (abs < 3600) {
    return relative.format(Math.round(seconds / 60), 'minute');
  }
  if (abs < 86_400) {
    return relative.format(Math.round(seconds / 3600), 'hour');
  }
  if (abs < 7 * 86_400) {
    return relative.format(Math.round(seconds / 86_400), 'day');
  }
  return formatDateTime(iso);
}

/** "5 minutes ago", kept current, with the exact time on hover and for assistive technology. */
export function Time({ iso, relativeTime = true }: { iso: string; relativeTime?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!relativeTime) {
      return;
    }
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [relativeTime]);
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={exact}>
      {relativeTime ? formatRelative(iso, now) : exact}
    </time>
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function StatusBadge({ status }: { status: TicketStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  return <span className={`badge priority-${priority}`}>{PRIORITY_LABELS[priority]}</span>;
}
