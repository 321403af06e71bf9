import { once } from 'node:events';

import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { Roles } from '../common/decorators/roles.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { LegalHoldView } from '../contracts/compliance';
import { IdParam } from '../messages/dto/message.dto';
import { ComplianceService } from './compliance.service';
import { ExportQueryDto } from './dto/export-query.dto';
import { PlaceHoldDto } from './dto/hold.dto';

@ApiTags('admin')
@ApiBearerAuth()
@ApiErrors(401, 403)
@Roles('admin')
@Controller('admin')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  /** The legal holds on now, newest first. */
  @Get('holds')
  @ApiOkResponse({ type: [LegalHoldView] })
  holds(): Promise<LegalHoldView[]> {
    return this.compliance.list();
  }

  /**
   * Place a legal hold on a user (every conversation they take or took part in) or a conversation: retention skips
   * it, and what people delete there is kept for the compliance export (they see the usual "deleted" marker).
   * Placing it again changes nothing. Audited.
   */
  @Post('holds')
  @ApiErrors(400, 404)
  place(@CurrentUser() me: AuthUser, @Body() body: PlaceHoldDto): Promise<LegalHoldView> {
    return this.compliance.place(me.id, body.kind, body.targetId, body.reason ?? '');
  }

  /** Release a legal hold (what it kept stays until retention or an erasure removes it). Audited. */
  @Delete('holds/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiErrors(400, 404)
  release(@CurrentUser() me: AuthUser, @Param() params: IdParam): Promise<void> {
    return this.compliance.release(me.id, params.id);
  }

  /**
   * The compliance export: every message of the users' conversations created in [from, to), oldest first, as JSON
   * lines (one `ExportLine` each), with earlier versions and the content deleted while held. Streamed. Audited.
   */
  @Get('export')
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({
    description: 'JSON lines, one message each',
    content: { 'application/x-ndjson': { schema: { type: 'string' } } },
  })
  @ApiErrors(400)
  async export(@CurrentUser() me: AuthUser, @Query() query: ExportQueryDto, @Res() res: Response): Promise<void> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    const lines = await this.compliance.export(me.id, query.userIds, from, to);
    const name = `compliance-export-${from.toISOString().slice(0, 10)}-${to.toISOString().slice(0, 10)}.jsonl`;
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      for await (const line of lines) {
        if (res.destroyed) return;
        if (!res.write(`${JSON.stringify(line)}\n`)) await once(res, 'drain');
      }
      res.end();
    } catch {
      // Headers are out: all that is left is to cut the download, which the client sees as incomplete.
      res.destroy();
    }
  }
}
