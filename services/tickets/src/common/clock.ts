import { Injectable } from '@nestjs/common';

/** The time, injected so tests can move it. Millisecond precision, as the columns store it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
