// The HTTP ceiling of the gateway's framework: Nest on Fastify (as the gateway runs) with one
// route that does nothing.
import 'reflect-metadata';

import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

import { serveParent } from '../lib/child';

@Controller('noop')
class NoopController {
  @Get()
  noop(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [NoopController] })
class NoopModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(NoopModule, new FastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  serveParent({ url: `http://127.0.0.1:${address.port}` }, {}, () => app.close());
}

void main();
