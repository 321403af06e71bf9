import { ConnectedSocket, MessageBody, type OnGatewayConnection, SubscribeMessage } from '@nestjs/websockets';

import { toErrorBody } from '../common/filters/http-exception.filter';
import { type Ack, MessageClientEvent, MessageServerEvent } from '../contracts/socket-events';
import { MetricsService } from '../metrics/metrics.service';
import { RateLimiter } from '../realtime/rate-limiter';
import { RealtimeService } from '../realtime/realtime.service';
import { RealtimeGateway } from '../realtime/realtime-gateway.decorator';
import type { AuthedSocket } from '../realtime/socket-user';
import { ConversationsService } from './conversations.service';
import { SocketSendMessageDto, SocketTypingDto, SocketUpToDto } from './dto/message.dto';
import { MessageRateLimit } from './message-rate-limit';
import { MessagesService } from './messages.service';
import { ReceiptsService } from './receipts.service';

/** Chat events on the socket the connection gateway authenticated. Each event is authorized on its own. */
@RealtimeGateway()
export class MessagesGateway implements OnGatewayConnection {
  /** Per user: typing in bursts of 10 and 2 a second. */
  private readonly typingLimiter = new RateLimiter(10, 2);

  constructor(
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
    private readonly receipts: ReceiptsService,
    private readonly realtime: RealtimeService,
    private readonly rateLimit: MessageRateLimit,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Over the instance's cap of sends at once, a new `message:send` is answered busy as it arrives, before its payload
   * is validated or authorized: under overload a refusal must cost next to nothing.
   */
  handleConnection(socket: AuthedSocket): void {
    socket.use(([event, body, ...rest], next) => {
      if (event !== MessageClientEvent.Send || this.messages.admits(socket.data.user.id, clientIdOf(body)))
        return next();
      const ack = rest.at(-1);
      if (typeof ack === 'function')
        (ack as (response: Ack) => void)({ ok: false, error: toErrorBody(this.messages.busy()) });
    });
  }

  @SubscribeMessage(MessageClientEvent.Send)
  async send(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: SocketSendMessageDto) {
    const received = performance.now();
    const me = this.limit(socket, this.rateLimit);
    const message = await this.messages.send(me, body.conversationId, body);
    this.metrics.sendTimers.socket.observe((performance.now() - received) / 1000);
    return { ok: true, message };
  }

  @SubscribeMessage(MessageClientEvent.Received)
  async received(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: SocketUpToDto) {
    const me = this.limit(socket, this.rateLimit);
    await this.receipts.markDelivered(me, body.conversationId, body.upTo);
    return { ok: true };
  }

  @SubscribeMessage(MessageClientEvent.Read)
  async read(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: SocketUpToDto) {
    const me = this.limit(socket, this.rateLimit);
    await this.receipts.markRead(me, body.conversationId, body.upTo);
    return { ok: true };
  }

  /** Relayed to the conversation's other current members only, not to those who blocked me; nothing is stored. */
  @SubscribeMessage(MessageClientEvent.Typing)
  async typing(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: SocketTypingDto) {
    const me = this.limit(socket, this.typingLimiter);
    const conversation = await this.conversations.getForParticipant(me, body.conversationId);
    this.realtime.toUsers(await this.conversations.othersHearing(conversation, me), MessageServerEvent.Typing, {
      conversationId: body.conversationId,
      userId: me,
      typing: body.typing,
    });
    return { ok: true };
  }

  private limit(socket: AuthedSocket, limiter: RateLimiter): string {
    const me = socket.data.user.id;
    limiter.take(me);
    return me;
  }
}

function clientIdOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { clientId?: unknown }).clientId : undefined;
}
