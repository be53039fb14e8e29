import { Counter } from 'prom-client';

export const attachmentBytes = new Counter({
  name: 'helpdesk_attachment_bytes_total',
  help: 'Attachment bytes stored (direction="in") and served (direction="out")',
  labelNames: ['direction'],
});
