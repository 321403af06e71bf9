import { Global, Module } from '@nestjs/common';
import { PresenceRegistry } from './presence.registry';
import { RealtimeService } from './realtime.service';

@Global()
@Module({
  providers: [RealtimeService, PresenceRegistry],
  exports: [RealtimeService, PresenceRegistry],
})
export class RealtimeModule {}
