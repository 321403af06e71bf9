import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ApiPageResponse } from '../common/swagger/api-page-response.decorator';
import { CreatedServiceToken, ServiceTokenView } from '../contracts/service-tokens';
import type { Page } from '../contracts/users';
import { CreateServiceTokenDto } from './dto/create-service-token.dto';
import { ServiceTokenIdParam } from './dto/service-token-id.dto';
import { ServiceTokensQueryDto } from './dto/service-tokens-query.dto';
import { ServiceTokensService } from './service-tokens.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Roles('admin')
@Controller('admin/tokens')
export class ServiceTokensController {
  constructor(private readonly tokens: ServiceTokensService) {}

  /**
   * Create a service token for a service account (made on first use). The answer holds the secret `token`: it is
   * shown this once, only its hash is stored. 409 when `account` is a person's username.
   */
  @Post()
  @ApiErrors(400, 409)
  create(@CurrentUser() me: AuthUser, @Body() body: CreateServiceTokenDto): Promise<CreatedServiceToken> {
    return this.tokens.create(me.id, body);
  }

  /** Tokens not revoked, newest first, with when each was last used (to the minute); 50 per page. */
  @Get()
  @ApiPageResponse(ServiceTokenView)
  @ApiErrors(400)
  list(@Query() query: ServiceTokensQueryDto): Promise<Page<ServiceTokenView>> {
    return this.tokens.list(query.cursor);
  }

  /** Revoke a token: from now on every request with it is refused (401) on every instance. */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400, 404)
  async revoke(@CurrentUser() me: AuthUser, @Param() params: ServiceTokenIdParam): Promise<void> {
    await this.tokens.revoke(me.id, params.id);
  }
}
