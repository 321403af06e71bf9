import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';

import { AdminService } from '../admin/admin.service';
import { AdminUsersQueryDto } from '../admin/dto/admin-users-query.dto';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ApiPageResponse } from '../common/swagger/api-page-response.decorator';
import { UnreadCounts } from '../contracts/service-tokens';
import { AdminUserView, type Page } from '../contracts/users';
import type { ServiceCaller } from '../service-tokens/service-tokens.service';
import { ServiceUserRefParam, UpdateServiceUserDto } from './dto/service-user.dto';
import { ServiceApiService } from './service-api.service';
import { CurrentService, RequiresScope, ServiceApi } from './service-auth';
import { parseUserRefPath } from './user-ref-path';

/** People by reference: `:ref` is an account id or `username:<name>`, `email:<address>`, `ext:<sub>`, `id:<id>`. */
@ServiceApi()
@Controller('service/users')
export class ServiceUsersController {
  constructor(
    private readonly service: ServiceApiService,
    private readonly admin: AdminService,
  ) {}

  /** Scope `users:read`. Every account but erased ones, by username, optionally by prefix; 20 per page. */
  @Get()
  @RequiresScope('users:read')
  @ApiPageResponse(AdminUserView)
  @ApiErrors(400)
  list(@Query() query: AdminUsersQueryDto): Promise<Page<AdminUserView>> {
    return this.admin.listUsers(query.q, query.cursor);
  }

  /** Scope `users:read`. One account, with its e-mail, external id, status and whether it is online. */
  @Get(':ref')
  @RequiresScope('users:read')
  @ApiErrors(400, 404)
  get(@Param() params: ServiceUserRefParam): Promise<AdminUserView> {
    return this.service.user(parseUserRefPath(params.ref));
  }

  /**
   * Scope `users:write`. Rename a person, or deactivate (`active: false`, the admins' ban: every session ends at
   * once) or reactivate them; audited with the service account as the actor.
   */
  @Patch(':ref')
  @RequiresScope('users:write')
  @ApiErrors(400, 404, 409)
  update(
    @CurrentService() caller: ServiceCaller,
    @Param() params: ServiceUserRefParam,
    @Body() body: UpdateServiceUserDto,
  ): Promise<AdminUserView> {
    return this.service.update(caller, parseUserRefPath(params.ref), body);
  }

  /**
   * Scope `conversations:read`. A person's unread messages, in total and per conversation: what a portal shows on
   * its chat badge.
   */
  @Get(':ref/unread')
  @RequiresScope('conversations:read')
  @ApiErrors(400, 404)
  unread(@Param() params: ServiceUserRefParam): Promise<UnreadCounts> {
    return this.service.unread(parseUserRefPath(params.ref));
  }
}
