import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';

import { type Ack, ClientEvent } from '../contracts/socket-events';
import { RateLimiter } from '../realtime/rate-limiter';
import { RealtimeGateway } from '../realtime/realtime-gateway.decorator';
import type { AuthedSocket } from '../realtime/socket-user';
import { PresenceIdleDto } from './dto/presence-idle.dto';
import { PresenceService } from './presence.service';

/** `presence:idle`: a tab tells it went idle or is active again ("away" for friends when every tab is idle). */
@RealtimeGateway()
export class PresenceGateway {
  /** Per user: a tab reports at most twice per idle period; bursts of 20, 2 a second sustained. */
  private readonly limiter = new RateLimiter(20, 2);

  constructor(private readonly presence: PresenceService) {}

  @SubscribeMessage(ClientEvent.PresenceIdle)
  async idle(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: PresenceIdleDto): Promise<Ack> {
    this.limiter.take(socket.data.user.id);
    await this.presence.setIdle(socket, body.idle);
    return { ok: true };
  }
}
