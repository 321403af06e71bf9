import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsMongoId,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

import { Omittable } from '../../common/pipes/omittable.decorator';
import { GROUP_ROLES, type GroupRole, MAX_TEXT_LENGTH } from '../../contracts/messages';
import { USER_REF_KINDS, type UserRef } from '../../users/user-ref';
import { isSingleEmoji } from '../single-emoji';

function ClientId(): PropertyDecorator {
  const decorators = [
    IsString(),
    Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'clientId must be 8 to 64 of A-Z, a-z, 0-9, "_" and "-"' }),
  ];
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export class MessageTextDto {
  /** 1 to 4,000 characters after trimming. @example "Hello!" */
  @trim
  @IsString()
  @Length(1, MAX_TEXT_LENGTH, { message: `text must be 1 to ${MAX_TEXT_LENGTH} characters` })
  text: string;
}

export class SendMessageDto {
  /** The text, or the caption of a picture or video: 1 to 4,000 characters after trimming. Required without mediaId. @example "Hello!" */
  @ValidateIf((dto: SendMessageDto) => dto.mediaId === undefined || dto.text !== undefined)
  @trim
  @IsString()
  @Length(1, MAX_TEXT_LENGTH, { message: `text must be 1 to ${MAX_TEXT_LENGTH} characters` })
  text?: string;

  /** A picture or video you uploaded with POST /api/media and have not sent yet. */
  @Omittable()
  @IsMongoId({ message: 'mediaId must be a media id' })
  mediaId?: string;

  /** Chosen by the client (e.g. a UUID); sending again with the same clientId returns the same message. */
  @ClientId()
  clientId: string;

  /** A message of this conversation that you can see, to reply to (shown quoted above the new one). */
  @Omittable()
  @IsMongoId({ message: 'replyToId must be a message id' })
  replyToId?: string;
}

export class ForwardMessageDto {
  /** A conversation you may write to. */
  @IsMongoId({ message: 'conversationId must be a valid id' }) conversationId: string;
  /** Chosen by the client: forwarding again with the same clientId returns the same message. */
  @ClientId() clientId: string;
}

export class ReactionParams {
  @IsMongoId({ message: 'id must be a valid id' }) id: string;
  /** A single emoji (URL-encoded). @example "👍" */
  @ValidateBy({
    name: 'isSingleEmoji',
    validator: { validate: isSingleEmoji, defaultMessage: () => 'emoji must be a single emoji' },
  })
  emoji: string;
}

/** The socket form of a send also names the conversation. */
export class SocketSendMessageDto extends SendMessageDto {
  @IsMongoId({ message: 'conversationId must be a valid id' }) conversationId: string;
}

export class UpToDto {
  /** A message id: everything up to and including it. */
  @IsMongoId({ message: 'upTo must be a message id' }) upTo: string;
}

export class SocketUpToDto extends UpToDto {
  @IsMongoId({ message: 'conversationId must be a valid id' }) conversationId: string;
}

export class SocketTypingDto {
  @IsMongoId({ message: 'conversationId must be a valid id' }) conversationId: string;
  @IsBoolean() typing: boolean;
}

export class HistoryQuery {
  /** Messages before this one in seq order, newest first (a message id of this conversation). */
  @Omittable() @IsMongoId({ message: 'before must be a message id' }) before?: string;
  /**
   * Messages after this one in seq order, oldest first (catching up after being offline; a message id of this
   * conversation). Nothing is skipped: a seq another instance has taken but not stored yet is waited for.
   */
  @Omittable() @IsMongoId({ message: 'after must be a message id' }) after?: string;
  /**
   * The history around this message (opening a search result or a reply's original): see MessageWindowView. Not
   * with before or after.
   */
  @Omittable() @IsMongoId({ message: 'around must be a message id' }) around?: string;
  /** 1 to 100, default 50. */
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

const personFields = (dto: CreateConversationDto) => USER_REF_KINDS.filter((kind) => dto[kind] !== undefined);
/** `userIds` and `name` (and `newMembersSeeHistory`) create a group. */
export const isGroupRequest = (dto: CreateConversationDto) =>
  dto.userIds !== undefined || dto.name !== undefined || dto.newMembersSeeHistory !== undefined;

/** Each field that names the person checks that it is the only one (and that no group is asked for too). */
const NamesOnePerson = () =>
  ValidateBy({
    name: 'namesOnePerson',
    validator: {
      validate: (_value, args) => {
        const dto = args!.object as CreateConversationDto;
        return personFields(dto).length === 1 && !isGroupRequest(dto);
      },
      defaultMessage: () =>
        'name the person with exactly one of userId, username, email or externalId, or give userIds and name for a group',
    },
  });

/** The longest group name. */
export const MAX_GROUP_NAME = 100;
/** The most people one request adds (GROUP_MAX_MEMBERS limits the group itself). */
const MAX_ADDED = 10_000;

const GroupName = () => [
  trim,
  IsString(),
  Length(1, MAX_GROUP_NAME, { message: `name must be 1 to ${MAX_GROUP_NAME} characters` }),
];
const applyAll =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

const UserIds = () =>
  applyAll([
    IsArray({ message: 'userIds must be a list of user ids' }),
    ArrayMinSize(1, { message: 'userIds must name at least one person' }),
    ArrayMaxSize(MAX_ADDED),
    IsMongoId({ each: true, message: 'userIds must be a list of user ids' }),
  ]);

/**
 * The person to chat with, named one way: by account id, or, as a portal's deep link does (/u/…), by username,
 * e-mail address or external id (the SSO subject). Or, with `userIds` and `name`, a new group.
 */
export class CreateConversationDto {
  /** The account id. Without any of the fields this one is the one missing. */
  @ValidateIf(
    (dto: CreateConversationDto) =>
      dto.userId !== undefined || (personFields(dto).length === 0 && !isGroupRequest(dto)),
  )
  @NamesOnePerson()
  @IsMongoId({ message: 'userId must be a user id' })
  userId?: string;
  /** @example "ada" */
  @Omittable() @NamesOnePerson() @IsString() @Length(1, 30) username?: string;
  /** @example "ada@acme.com" */
  @Omittable() @NamesOnePerson() @IsString() @Length(3, 254) email?: string;
  /** The person's subject at the identity provider. */
  @Omittable() @NamesOnePerson() @IsString() @Length(1, 255) externalId?: string;
  /** A new group's other members: people you may message (friends; anyone with DIRECT_MESSAGES=everyone). */
  @ValidateIf(isGroupRequest) @UserIds() userIds?: string[];
  /** A new group's name: 1 to 100 characters after trimming. @example "Design team" */
  @ValidateIf(isGroupRequest) @applyAll(GroupName()) name?: string;
  /** A new group's setting: members added later also see the messages from before they joined. Default false. */
  @Omittable() @IsBoolean() newMembersSeeHistory?: boolean;
}

export class UpdateGroupDto {
  /** 1 to 100 characters after trimming. @example "Design team" */
  @Omittable() @applyAll(GroupName()) name?: string;
  /** An image you uploaded with POST /api/media and have not sent; null removes the picture. */
  @Omittable()
  @ValidateIf((_dto: object, value: unknown) => value !== null)
  @IsMongoId({ message: 'avatar must be a media id or null' })
  avatar?: string | null;
  /**
   * Whether members added later see the messages from before they joined (off by default); a change is told as a
   * `history_shared` or `history_hidden` line. Turning it off hides those messages again from who joined later.
   */
  @Omittable() @IsBoolean() newMembersSeeHistory?: boolean;
}

export class AddMembersDto {
  /** People you may message (friends; anyone with DIRECT_MESSAGES=everyone). */
  @UserIds() userIds: string[];
}

export class SetRoleDto {
  /** @example "admin" */
  @ApiProperty({ enum: GROUP_ROLES })
  @IsIn(GROUP_ROLES, { message: `role must be one of ${GROUP_ROLES.join(', ')}` })
  role: GroupRole;
}

export class MemberParams {
  @IsMongoId({ message: 'id must be a valid id' }) id: string;
  @IsMongoId({ message: 'userId must be a user id' }) userId: string;
}

/** The one reference a valid CreateConversationDto holds. */
export function userRefOf(dto: CreateConversationDto): UserRef {
  const [kind] = personFields(dto);
  return { [kind]: dto[kind]! } as UserRef;
}

export class IdParam {
  @IsMongoId({ message: 'id must be a valid id' }) id: string;
}

export class DeleteMessageQuery {
  /** "me": hide it for yourself only. Without it: delete your own message for everyone. */
  @Omittable() @IsIn(['me'], { message: 'for must be "me" when given' }) for?: 'me';
}

export class ConversationListQuery {
  /** nextCursor of the previous page. */
  @Omittable() @IsString() @MaxLength(200) cursor?: string;
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}
