import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis, { ChainableCommander } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { REDIS } from './redis.token';

/** How long start-up waits for the subscriptions and the listeners' first reads; with Redis down it goes on. */
const FIRST_CONNECT_WAIT_MS = 2000;

/** What a process keeps in memory and follows through a channel. */
export interface ChannelListener {
  /** A message published on the channel (by any process, this one included). */
  message(payload: string): void;
  /** Subscribed, after start-up or a reconnection: what was published meanwhile was missed, so read afresh. */
  connected(): Promise<void> | void;
  /** The subscription is lost: messages published from now on will be missed until `connected`. */
  disconnected(): void;
}

/**
 * Redis pub/sub for the in-memory copies a process keeps of shared state (deactivated accounts, cache
 * versions), on one subscriber connection per process. Redis hands a message to every subscriber before
 * it answers the PUBLISH, so once a publisher's call returns, every process that was subscribed has the
 * message on its socket. Messages published while a process is cut off are lost, which is why listeners
 * are told of every disconnection and reconnection.
 */
@Injectable()
export class RedisChannels implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RedisChannels.name);
  private readonly listeners = new Map<string, ChannelListener[]>();
  private readonly prefix: string;
  private subscriber?: Redis;
  private subscribed = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: ConfigService<AppConfig, true>,
  ) {
    this.prefix = `${config.get('redis', { infer: true }).prefix}:`;
  }

  /** Registers a listener; call it before the application starts (a constructor or onModuleInit). */
  listen(channel: string, listener: ChannelListener): void {
    const name = this.prefix + channel;
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  /** Whether messages are being received right now. */
  get live(): boolean {
    return this.subscribed;
  }

  /**
   * Resolves once Redis has handed the message to every subscribed process. The change it announces can
   * be written in the same transaction (`writes` adds commands to it): the state and its announcement
   * then reach Redis together, in one round trip.
   */
  async publish(channel: string, payload: string, writes?: (transaction: ChainableCommander) => void): Promise<void> {
    const transaction = this.redis.multi();
    writes?.(transaction);
    const results = await transaction.publish(this.prefix + channel, payload).exec();
    // exec() answers null when the transaction was discarded, and an error per command that failed.
    const failure = results ? results.find(([error]) => error)?.[0] : new Error('Redis discarded the transaction');
    if (failure) throw failure;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.listeners.size === 0) return;
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, payload: string) => this.listeners.get(channel)?.forEach((listener) => listener.message(payload)));
    // The client reconnects on its own; one warning per outage is enough.
    let outageReported = false;
    subscriber.on('close', () => {
      if (!this.subscribed) return;
      this.subscribed = false;
      this.everyListener((listener) => listener.disconnected());
    });
    await new Promise<void>((resolve) => {
      subscriber.on('ready', () => {
        outageReported = false;
        this.subscribeAll(subscriber).finally(resolve);
      });
      subscriber.on('error', (error: Error) => {
        if (!outageReported) this.logger.warn(`Redis channels unavailable: ${error.message}`);
        outageReported = true;
        resolve();
      });
      setTimeout(resolve, FIRST_CONNECT_WAIT_MS).unref();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscribed = false;
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  private async subscribeAll(subscriber: Redis): Promise<void> {
    try {
      await subscriber.subscribe(...this.listeners.keys());
      this.subscribed = true;
      const reads: (Promise<void> | void)[] = [];
      this.everyListener((listener) => reads.push(listener.connected()));
      await Promise.all(reads);
    } catch (error) {
      this.logger.warn(`Redis channels unavailable: ${(error as Error).message}`);
    }
  }

  private everyListener(visit: (listener: ChannelListener) => void): void {
    for (const listeners of this.listeners.values()) listeners.forEach(visit);
  }
}
