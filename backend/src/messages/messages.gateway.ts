import { UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WsException } from '@nestjs/websockets';
import { SocketRateLimiter } from '../common/ws/socket-rate-limiter';
import type { AuthedSocket } from '../common/ws/socket-user';
import { WsExceptionFilter } from '../common/ws/ws-exception.filter';
import { createWsValidationPipe } from '../common/ws/ws-validation.pipe';
import { MessageClientEvent, MessageServerEvent } from '../contracts/socket-events';
import { RealtimeService } from '../realtime/realtime.service';
import { otherParticipant } from './conversation-ref';
import { ConversationsService } from './conversations.service';
import { SocketSendMessageDto, SocketTypingDto, SocketUpToDto } from './dto/message.dto';
import { MessagesService } from './messages.service';
import { ReceiptsService } from './receipts.service';

/** Chat events on the socket the presence gateway authenticated. Each event is authorized on its own. */
@WebSocketGateway()
@UseFilters(WsExceptionFilter)
@UsePipes(createWsValidationPipe())
export class MessagesGateway {
  /**
   * Per user: sends and receipts in bursts of 120 (a client flushing its offline queue) and 30 a second
   * sustained; typing in bursts of 10 and 2 a second.
   */
  private readonly events = new SocketRateLimiter(120, 30);
  private readonly typingLimiter = new SocketRateLimiter(10, 2);

  constructor(
    private readonly messages: MessagesService,
    private readonly conversations: ConversationsService,
    private readonly receipts: ReceiptsService,
    private readonly realtime: RealtimeService,
  ) {}

  @SubscribeMessage(MessageClientEvent.Send)
  async send(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: SocketSendMessageDto) {
    const me = this.limit(socket, this.events);
    const message = await this.messages.send(me, body.conversationId, body);
    return { ok: true, message };
  }

  @SubscribeMessage(MessageClientEvent.Received)
  async received(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: SocketUpToDto) {
    const me = this.limit(socket, this.events);
    await this.receipts.markDelivered(me, body.conversationId, body.upTo);
    return { ok: true };
  }

  @SubscribeMessage(MessageClientEvent.Read)
  async read(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: SocketUpToDto) {
    const me = this.limit(socket, this.events);
    await this.receipts.markRead(me, body.conversationId, body.upTo);
    return { ok: true };
  }

  /** Relayed to the other participant only; nothing is stored. */
  @SubscribeMessage(MessageClientEvent.Typing)
  async typing(@ConnectedSocket() socket: AuthedSocket, @MessageBody() body: SocketTypingDto) {
    const me = this.limit(socket, this.typingLimiter);
    const conversation = await this.conversations.getForParticipant(me, body.conversationId);
    this.realtime.toUser(otherParticipant(conversation, me), MessageServerEvent.Typing, {
      conversationId: body.conversationId,
      userId: me,
      typing: body.typing,
    });
    return { ok: true };
  }

  private limit(socket: AuthedSocket, limiter: SocketRateLimiter): string {
    const me = socket.data.user.id;
    if (!limiter.tryTake(me)) throw new WsException({ status: 429, message: 'Too many events, slow down' });
    return me;
  }
}
