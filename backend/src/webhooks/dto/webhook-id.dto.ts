import { IsMongoId } from 'class-validator';

export class WebhookIdParam {
  @IsMongoId({ message: 'id must be a valid id' }) id: string;
}
