import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { REPO_ROOT } from '@helpdesk/testing';

import type { Verdict } from './load';

/** Where each fault's verdict is appended; `npm run test:faults` prints it as a table. */
export const FAULT_REPORT_PATH = join(REPO_ROOT, 'dist', 'faults-report.jsonl');

/** How long each outage lasts: 20 s as the issue asks, shorter where CI sets FAULT_OUTAGE_MS. */
export const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 20_000);

export function recordFault(fault: string, verdict: Verdict, outageMs: number): void {
  const queueType = process.env.RABBITMQ_QUEUE_TYPE === 'quorum' ? ' (quorum queues)' : '';
  const row = { fault: `${fault}${queueType}`, outageSeconds: outageMs / 1000, ...verdict };
  mkdirSync(dirname(FAULT_REPORT_PATH), { recursive: true });
  appendFileSync(FAULT_REPORT_PATH, `${JSON.stringify(row)}\n`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
