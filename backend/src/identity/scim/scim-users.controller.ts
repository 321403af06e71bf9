import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';

import { Public } from '../../common/decorators/public.decorator';
import { ScimListQueryDto } from './dto/scim-list-query.dto';
import { ScimPatchDto } from './dto/scim-patch.dto';
import { ScimUserListView, ScimUserView } from './dto/scim-responses.dto';
import { ScimUserDto } from './dto/scim-user.dto';
import { ScimApi, ScimErrors } from './scim-api.decorators';
import { ScimEndpoint } from './scim-endpoint.decorator';
import { SCIM_CONTENT_TYPE } from './scim-schemas';
import type { ScimUser } from './scim-user.mapper';
import { type ScimListResponse, ScimUsersService } from './scim-users.service';

/** RFC 7644 Users, for an identity provider (Okta, Microsoft Entra ID, …) holding SCIM_TOKEN. */
@ScimApi()
@ScimEndpoint()
@Public()
@Controller('scim/v2/Users')
export class ScimUsersController {
  constructor(private readonly users: ScimUsersService) {}

  /** Every account, or the ones the filter names, by creation; `startIndex` is 1-based. */
  @Get()
  @ApiOkResponse({ type: ScimUserListView })
  list(@Query() query: ScimListQueryDto): Promise<ScimListResponse> {
    return this.users.list(query);
  }

  /** Create an account (signed in by SSO or an invitation link later). */
  @Post()
  @ApiConsumes(SCIM_CONTENT_TYPE, 'application/json')
  @ApiBody({ type: ScimUserDto })
  @ApiCreatedResponse({ type: ScimUserView })
  @ScimErrors(409)
  create(@Body() body: object): Promise<ScimUser> {
    return this.users.create(body);
  }

  @Get(':id')
  @ApiOkResponse({ type: ScimUserView })
  get(@Param('id') id: string): Promise<ScimUser> {
    return this.users.get(id);
  }

  /** Replace the account's attributes; `active: false` deactivates it (sessions and open connections end). */
  @Put(':id')
  @ApiConsumes(SCIM_CONTENT_TYPE, 'application/json')
  @ApiBody({ type: ScimUserDto })
  @ApiOkResponse({ type: ScimUserView })
  @ScimErrors(403, 409)
  replace(@Param('id') id: string, @Body() body: object): Promise<ScimUser> {
    return this.users.replace(id, body);
  }

  /** Okta's and Entra ID's PATCH shapes: `replace` with or without a path, `active` as a boolean or "False". */
  @Patch(':id')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes(SCIM_CONTENT_TYPE, 'application/json')
  @ApiOkResponse({ type: ScimUserView })
  @ScimErrors(403, 409)
  patch(@Param('id') id: string, @Body() body: ScimPatchDto): Promise<ScimUser> {
    return this.users.patch(id, body.Operations);
  }

  /** Erase the account: sessions and connections end, personal data goes, messages stay from "Deleted user". */
  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ScimErrors(403, 409)
  remove(@Param('id') id: string): Promise<void> {
    return this.users.remove(id);
  }
}
