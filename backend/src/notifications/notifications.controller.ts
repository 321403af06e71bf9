import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Public } from '../common/decorators/public.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import type { AllConfig } from '../config';
import { PushKeyView } from '../contracts/notifications';
import { ConversationsService } from '../messages/conversations.service';
import { IdParam } from '../messages/dto/message.dto';
import { UsersService } from '../users/users.service';
import { MuteDto, PushEndpointDto, PushSubscriptionDto, UnsubscribeQuery } from './dto/notifications.dto';
import { PushService } from './push.service';
import { userIdOfUnsubscribeToken } from './unsubscribe-token';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  private readonly secret: string;

  constructor(
    private readonly push: PushService,
    private readonly conversations: ConversationsService,
    private readonly users: UsersService,
    config: ConfigService<AllConfig, true>,
  ) {
    this.secret = config.get('auth', { infer: true }).jwtSecret;
  }

  /** The VAPID public key a browser subscribes with; null when this server sends no Web Push. */
  @Get('push/key')
  @ApiBearerAuth()
  @ApiErrors(401)
  key(): PushKeyView {
    return { publicKey: this.push.publicKey };
  }

  /** Notify this browser by Web Push while no tab is open. The endpoint must be https on a public address. */
  @Post('push/subscriptions')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiErrors(400, 401)
  async subscribe(@CurrentUser() me: AuthUser, @Body() body: PushSubscriptionDto): Promise<void> {
    await this.push.subscribe(me.id, me.sessionId, body);
  }

  /** Stop pushing to this browser (idempotent). */
  @Delete('push/subscriptions')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiErrors(400, 401)
  async unsubscribe(@CurrentUser() me: AuthUser, @Body() body: PushEndpointDto): Promise<void> {
    await this.push.unsubscribe(me.id, body.endpoint);
  }

  /**
   * Mute the conversation for you until `until` (null: until you unmute it): no sound, desktop notification, push
   * or e-mail; its messages still count as unread.
   */
  @Put('conversations/:id/mute')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiErrors(400, 401, 403, 404)
  async mute(@CurrentUser() me: AuthUser, @Param() { id }: IdParam, @Body() body: MuteDto): Promise<void> {
    const until = body.until ? new Date(body.until) : null;
    if (until && until.getTime() <= Date.now())
      throw new BadRequestException({ message: 'until must be in the future', code: 'validation_failed' });
    await this.conversations.setMute(me.id, id, until);
  }

  @Delete('conversations/:id/mute')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiErrors(400, 401, 403, 404)
  async unmute(@CurrentUser() me: AuthUser, @Param() { id }: IdParam): Promise<void> {
    await this.conversations.unmute(me.id, id);
  }

  /** The link in missed-message e-mails: turns those e-mails off, without signing in. */
  @Public()
  @Get('notifications/unsubscribe')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/html')
  @ApiErrors(400)
  async unsubscribeEmails(@Query() { token }: UnsubscribeQuery): Promise<string> {
    const userId = userIdOfUnsubscribeToken(this.secret, token);
    if (!userId)
      throw new BadRequestException({ message: 'This unsubscribe link is not valid', code: 'invalid_token' });
    await this.users.updateMe(userId, { settings: { emailNotifications: false } });
    return (
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
      '<title>Unsubscribed</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;' +
      'padding:0 1rem"><h1>Unsubscribed</h1><p>You will no longer get e-mails about messages you missed. You can turn ' +
      'them back on in your profile.</p></body></html>'
    );
  }
}
