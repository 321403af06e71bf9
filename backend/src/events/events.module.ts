import { Global, Module } from '@nestjs/common';

import { DomainEvents } from './domain-events';

/** Global, so any module can tell what happened without depending on who listens (WebhooksModule connects). */
@Global()
@Module({
  providers: [DomainEvents],
  exports: [DomainEvents],
})
export class EventsModule {}
