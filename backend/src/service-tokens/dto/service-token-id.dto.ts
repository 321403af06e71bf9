import { IsMongoId } from 'class-validator';

export class ServiceTokenIdParam {
  @IsMongoId({ message: 'id must be a valid id' }) id: string;
}
