import { Controller, Delete, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { UserIdParam } from '../users/dto/user-id.dto';
import { ErasureRequestsService } from './erasure-requests.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Roles('admin')
@Controller('admin/users')
export class AdminErasureController {
  constructor(private readonly erasure: ErasureRequestsService) {}

  /**
   * Erase a user's account and personal data (audited `user.erased`); their messages stay, from "Deleted user".
   * Erasing an erased or unknown account changes nothing (204). Not yourself or the last admin (409), nor the
   * ADMIN_EMAIL account (403). Erased accounts no longer appear in the user list.
   */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400, 409)
  erase(@CurrentUser() me: AuthUser, @Param() params: UserIdParam): Promise<void> {
    return this.erasure.eraseByAdmin(me.id, params.id);
  }
}
