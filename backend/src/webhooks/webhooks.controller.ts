import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ApiPageResponse } from '../common/swagger/api-page-response.decorator';
import type { Page } from '../contracts/users';
import { CreatedWebhookView, WebhookDeliveryView, WebhookView } from '../contracts/webhooks';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { DeliveriesQueryDto } from './dto/deliveries-query.dto';
import { WebhookIdParam } from './dto/webhook-id.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Roles('admin')
@Controller('admin/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /**
   * Register an endpoint for some events (audited `webhook.created`). The answer holds the signing secret, shown
   * only this once. 400 when the URL's host is private, loopback or link-local (unless WEBHOOK_ALLOW_HOSTS allows
   * it), does not resolve, or is plain http outside WEBHOOK_ALLOW_HOSTS.
   */
  @Post()
  @ApiErrors(400)
  create(@CurrentUser() me: AuthUser, @Body() body: CreateWebhookDto): Promise<CreatedWebhookView> {
    return this.webhooks.create(me.id, body);
  }

  /** Every endpoint, oldest first, with its status (a paused one says why) and failures; secrets masked. */
  @Get()
  list(): Promise<WebhookView[]> {
    return this.webhooks.list();
  }

  /** Remove an endpoint and its pending deliveries (audited `webhook.deleted`). */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400, 404)
  remove(@CurrentUser() me: AuthUser, @Param() params: WebhookIdParam): Promise<void> {
    return this.webhooks.remove(me.id, params.id);
  }

  /** Resume a paused endpoint: the events it held go out, in order (audited `webhook.resumed`). */
  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 404)
  resume(@CurrentUser() me: AuthUser, @Param() params: WebhookIdParam): Promise<WebhookView> {
    return this.webhooks.resume(me.id, params.id);
  }

  /** The endpoint's delivery log, newest first, 30 per page: status, attempts, last answer or error, next try. */
  @Get(':id/deliveries')
  @ApiPageResponse(WebhookDeliveryView)
  @ApiErrors(400, 404)
  deliveries(@Param() params: WebhookIdParam, @Query() query: DeliveriesQueryDto): Promise<Page<WebhookDeliveryView>> {
    return this.webhooks.deliveriesOf(params.id, query.cursor);
  }
}
