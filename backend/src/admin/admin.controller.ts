import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ApiPageResponse } from '../common/swagger/api-page-response.decorator';
import { AdminStats, AdminUserView, AuditEntryView, type Page } from '../contracts/users';
import { UserIdParam } from '../users/dto/user-id.dto';
import { AdminService } from './admin.service';
import { AuditService } from './audit.service';
import { AdminUsersQueryDto } from './dto/admin-users-query.dto';
import { AuditQueryDto } from './dto/audit-query.dto';
import { InviteUserDto } from './dto/invite-user.dto';
import { SetRolesDto } from './dto/set-roles.dto';
import { StatsService } from './stats.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly audit: AuditService,
    private readonly statistics: StatsService,
  ) {}

  /** All accounts with roles, status, last seen and whether they are online now; 20 per page. */
  @Get('users')
  @ApiPageResponse(AdminUserView)
  @ApiErrors(400)
  listUsers(@Query() query: AdminUsersQueryDto): Promise<Page<AdminUserView>> {
    return this.admin.listUsers(query.q, query.cursor);
  }

  /**
   * Create an account and mail its owner an invitation link (single use, valid 7 days) to choose a password and
   * sign in. Works whatever SIGNUP says; 409 when the e-mail or username is taken.
   */
  @Post('users')
  @ApiErrors(400, 409)
  invite(@CurrentUser() me: AuthUser, @Body() body: InviteUserDto): Promise<AdminUserView> {
    return this.admin.invite(me.id, body);
  }

  /**
   * Set a user's roles. You cannot drop your own admin role, the last admin cannot be demoted (409), and the
   * ADMIN_EMAIL account cannot be demoted by others (403).
   */
  @Patch('users/:id/roles')
  @ApiErrors(400, 404, 409)
  setRoles(
    @CurrentUser() me: AuthUser,
    @Param() params: UserIdParam,
    @Body() body: SetRolesDto,
  ): Promise<AdminUserView> {
    return this.admin.setRoles(me.id, params.id, body.roles);
  }

  /**
   * Ban a user: every session and socket ends at once; login and refresh are refused. Not yourself or the last
   * admin (409), nor the ADMIN_EMAIL account (403).
   */
  @Post('users/:id/ban')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 404, 409)
  ban(@CurrentUser() me: AuthUser, @Param() params: UserIdParam): Promise<AdminUserView> {
    return this.admin.ban(me.id, params.id);
  }

  /** Lift a ban. */
  @Post('users/:id/unban')
  @HttpCode(HttpStatus.OK)
  @ApiErrors(400, 404)
  unban(@CurrentUser() me: AuthUser, @Param() params: UserIdParam): Promise<AdminUserView> {
    return this.admin.unban(me.id, params.id);
  }

  /** Users, online now, messages today and per day for 14 days, media stored. */
  @Get('stats')
  stats(): Promise<AdminStats> {
    return this.statistics.stats();
  }

  /** Every admin action, newest first. */
  @Get('audit')
  @ApiPageResponse(AuditEntryView)
  @ApiErrors(400)
  auditLog(@Query() query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.audit.list(query.cursor);
  }
}
