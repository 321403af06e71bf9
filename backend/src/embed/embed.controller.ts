import { Controller, Get } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';

import { Public } from '../common/decorators/public.decorator';
import type { AllConfig } from '../config';
import { EmbedSettings } from '../contracts/embed';

@ApiTags('embed')
@Controller('embed')
export class EmbedController {
  constructor(private readonly config: ConfigService<AllConfig, true>) {}

  /** The portal origins that may frame the app; the framed app talks to these only. Public, like the CSP header. */
  @Public()
  @Get('config')
  settings(): EmbedSettings {
    return { frameAncestors: this.config.get('embed', { infer: true }).frameAncestors };
  }
}
