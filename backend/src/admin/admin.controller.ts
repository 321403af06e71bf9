import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { UsersService } from '../users/users.service';
import { AdminUserPage } from './dto/admin.responses';
import { AdminUsersQueryDto } from './dto/admin-users-query.dto';

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Roles('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly users: UsersService) {}

  /** All accounts with their roles and status, 20 per page, optionally filtered by prefix. */
  @Get('users')
  @ApiErrors(400)
  listUsers(@Query() query: AdminUsersQueryDto): Promise<AdminUserPage> {
    return this.users.adminList(query.q, query.cursor);
  }
}
