import { DynamicModule, Global, Module } from '@nestjs/common';
import { OutboxRelay } from './outbox.relay';
import { OutboxService } from './outbox.service';

/** Every process writes to the outbox; only the worker relays it to Bull. */
@Global()
@Module({})
export class OutboxModule {
  static forRoot({ worker }: { worker: boolean }): DynamicModule {
    return {
      module: OutboxModule,
      providers: [OutboxService, ...(worker ? [OutboxRelay] : [])],
      exports: [OutboxService],
    };
  }
}
