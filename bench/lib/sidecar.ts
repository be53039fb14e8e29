// The benchmark's sidecar process: the S3 endpoint (s3rver) and the SMTP sink notifications
// deliver to, both from libs/testing, kept out of the load generator's event loop.
import { SmtpSink, TestS3Server } from '../../libs/testing/src';
import { serveParent } from './child';

export interface SidecarReady {
  s3Env: Record<string, string>;
  smtpUrl: string;
  pid: number;
}

async function main(): Promise<void> {
  const s3 = await TestS3Server.start();
  const sink = await SmtpSink.start();
  let delivered = 0;
  const counted = () => {
    // Only the count matters here: drop what the sink kept, so a long run does not grow.
    delivered += sink.received.splice(0).length;
    return delivered;
  };
  serveParent(
    { s3Env: s3.env('helpdesk-attachments'), smtpUrl: sink.url, pid: process.pid } satisfies SidecarReady,
    { delivered: () => ({ delivered: counted() }) },
    async () => {
      await sink.stop();
      await s3.dispose();
    },
  );
}

void main();
