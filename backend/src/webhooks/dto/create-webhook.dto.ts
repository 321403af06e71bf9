import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../contracts/webhooks';

export class CreateWebhookDto {
  /**
   * Where events are POSTed. https, or http for a host WEBHOOK_ALLOW_HOSTS lists; it must resolve to public
   * addresses unless WEBHOOK_ALLOW_HOSTS allows it. @example "https://portal.example.com/hooks/chat"
   */
  @IsString()
  @MaxLength(2048)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, allow_underscores: true },
    { message: 'url must be an http(s) URL' },
  )
  url: string;

  /** The events to receive. @example ["message.created"] */
  @IsArray()
  @ArrayMinSize(1, { message: 'events must name at least one event' })
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true, message: `events may only contain ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  events: WebhookEventType[];

  /** A Standard Webhooks secret to sign with (whsec_ and 24 to 64 bytes in base64); one is made when left out. */
  @Omittable()
  @IsString()
  @Matches(/^whsec_(?:[A-Za-z0-9+/]{4}){8,21}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, {
    message: 'secret must be whsec_ followed by 24 to 64 bytes in base64',
  })
  secret?: string;
}
