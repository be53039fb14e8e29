import { ConsoleLogger, LogLevel } from '@nestjs/common';

import { currentCorrelationId } from './correlation';

const LEVELS_FROM: Record<string, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  verbose: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/**
 * One JSON object per line, tagged with the service and the current correlation id. `scrub`, when
 * given, rewrites each finished line: a last guard against secrets (reply tokens) in any message,
 * stack or error a library logs.
 */
export class JsonLogger extends ConsoleLogger {
  constructor(
    private readonly service: string,
    level: string,
    private readonly scrub: (line: string) => string = (line) => line,
  ) {
    super({ json: true, logLevels: LEVELS_FROM[level] ?? LEVELS_FROM.info });
  }

  protected stringifyJsonLogObject(logObject: Record<string, unknown>): string {
    return this.scrub(super.stringifyJsonLogObject(logObject));
  }

  protected getJsonLogObject(
    message: unknown,
    options: Parameters<ConsoleLogger['getJsonLogObject']>[1],
  ): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const logObject = super.getJsonLogObject(message, options);
    const correlationId = currentCorrelationId();
    return { service: this.service, ...(correlationId ? { correlationId } : {}), ...logObject };
  }
}

export const LOG_LEVELS = Object.keys(LEVELS_FROM);
