import { Injectable } from '@nestjs/common';

/** The source of "now". Injected so rules about time can be tested with a fixed or moving clock. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
