import { IsMongoId } from 'class-validator';

export class UserIdParam {
  @IsMongoId({ message: 'id must be a valid id' }) id: string;
}
