import { Module } from '@nestjs/common';

import { EmbedController } from './embed.controller';

/** Embedding in a portal: the framed app's settings. (/embed.js itself is a static file of the SPA.) */
@Module({ controllers: [EmbedController] })
export class EmbedModule {}
