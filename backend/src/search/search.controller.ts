import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/current-user.decorator';
import { ApiErrors } from '../common/swagger/api-errors.decorator';
import { ApiPageResponse } from '../common/swagger/api-page-response.decorator';
import { SearchResult } from '../contracts/search';
import type { Page } from '../contracts/users';
import { SearchQuery } from './dto/search-query.dto';
import { SearchService } from './search.service';
import { SearchRateLimit } from './search-rate-limit';

@ApiTags('search')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('search')
export class SearchController {
  constructor(
    private readonly search: SearchService,
    private readonly rateLimit: SearchRateLimit,
  ) {}

  /**
   * Your messages whose words begin with every word of `q` (case and accents ignored; a one-letter word matches
   * only itself), newest first, 20 a page: in all conversations you are or were in, or in `conversationId`; only
   * what you may read there (in a group, from when you could see it until you left), never deleted messages, ones
   * you deleted for you, group event lines, or messages of people you blocked. Each result carries a `snippet`:
   * plain text with the matching ranges in `highlights` (render it as text and mark the ranges; it is not markup).
   * A `q` without letters or digits finds nothing. Rate-limited per user (429 `rate_limited`).
   */
  @Get('messages')
  @ApiPageResponse(SearchResult)
  @ApiErrors(400, 403, 404, 429)
  messages(@CurrentUser() me: AuthUser, @Query() query: SearchQuery): Promise<Page<SearchResult>> {
    this.rateLimit.take(me.id);
    return this.search.search(me.id, query);
  }
}
