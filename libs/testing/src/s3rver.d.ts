// s3rver ships no types; this is all the harness uses of it.
declare module 's3rver' {
  import type { Server } from 'node:http';

  export default class S3rver {
    constructor(options: Record<string, unknown>);
    run(): Promise<unknown>;
    httpServer?: Server;
  }
}
