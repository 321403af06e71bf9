import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module';
import { ConnectionGateway } from './connection.gateway';

/** The Socket.IO entry point; apart from RealtimeModule because it needs AuthModule, which needs RealtimeModule. */
@Module({
  imports: [AuthModule],
  providers: [ConnectionGateway],
})
export class ConnectionModule {}
