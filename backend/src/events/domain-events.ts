import { Injectable, Logger } from '@nestjs/common';

import type { DomainEvent } from './domain-event';

/** Where events go (the webhook outbox, notifications). Each decides cheaply whether an event concerns anyone. */
export interface DomainEventSink {
  accept(event: DomainEvent): Promise<void>;
}

/**
 * The one place the rest of the app tells what happened. Publishing never talks to a receiver: at most a sink
 * stores the event for later delivery, and only when someone subscribed to its type.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger('DomainEvents');
  private readonly sinks: DomainEventSink[] = [];

  connect(sink: DomainEventSink): void {
    this.sinks.push(sink);
  }

  /** Resolves once the event is stored; for the send path, which must not count a message done before that. */
  async publish(event: DomainEvent): Promise<void> {
    await Promise.all(this.sinks.map((sink) => sink.accept(event)));
  }

  /** Stores the event in the background: the caller's answer never waits for it. */
  emit(event: DomainEvent): void {
    this.publish(event).catch((error: unknown) =>
      this.logger.error(`Could not store event ${event.type} ${event.id}: ${(error as Error).message}`),
    );
  }
}
