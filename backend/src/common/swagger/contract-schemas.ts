import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

import { AuthProviders, DIRECT_MESSAGE_MODES, SIGNUP_MODES } from '../../contracts/auth';
import { HOLD_KINDS, LegalHoldView } from '../../contracts/compliance';
import { ApiErrorBody } from '../../contracts/errors';
import { FRIEND_REQUEST_STATUSES, FriendRequestView } from '../../contracts/friends';
import {
  CONVERSATION_KINDS,
  ConversationView,
  GROUP_ROLES,
  GroupMemberView,
  MEDIA_KINDS,
  MediaView,
  MESSAGE_KINDS,
  MessageView,
  SYSTEM_EVENTS,
  SystemEvent,
} from '../../contracts/messages';
import { SERVICE_SCOPES, ServiceTokenView } from '../../contracts/service-tokens';
import {
  ACCOUNT_STATUSES,
  AdminUserView,
  AUDIT_ACTIONS,
  AuditEntryView,
  CurrentUserView,
  PublicUser,
  ROLES,
  USER_ORIGINS,
} from '../../contracts/users';
import {
  CreatedWebhookView,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_STATUSES,
  WebhookDeliveryView,
  WebhookView,
} from '../../contracts/webhooks';

/**
 * The Swagger CLI plugin documents the contract classes from their types and comments, but it reads a union of
 * string literals (and a union of a string and a list, or a map) as a bare object. This adds what it cannot see,
 * with the values the contracts themselves declare; the plugin fills in the rest (required, description, example).
 */
export function describeContractUnions(): void {
  const hints: [Type, string, ApiPropertyOptions][] = [
    [MessageView, 'kind', { enum: MESSAGE_KINDS }],
    [MediaView, 'kind', { enum: MEDIA_KINDS }],
    [ConversationView, 'kind', { enum: CONVERSATION_KINDS }],
    [GroupMemberView, 'role', { enum: GROUP_ROLES }],
    [SystemEvent, 'event', { enum: SYSTEM_EVENTS }],
    [FriendRequestView, 'status', { enum: FRIEND_REQUEST_STATUSES }],
    [CurrentUserView, 'roles', { enum: ROLES, isArray: true }],
    [AdminUserView, 'roles', { enum: ROLES, isArray: true }],
    [AdminUserView, 'status', { enum: ACCOUNT_STATUSES }],
    [CurrentUserView, 'origin', { enum: USER_ORIGINS }],
    [AuditEntryView, 'action', { enum: AUDIT_ACTIONS }],
    [LegalHoldView, 'kind', { enum: HOLD_KINDS }],
    [PublicUser, 'service', { type: 'boolean', enum: [true], required: false }],
    [ServiceTokenView, 'scopes', { enum: SERVICE_SCOPES, isArray: true }],
    [WebhookView, 'events', { enum: WEBHOOK_EVENT_TYPES, isArray: true }],
    [WebhookView, 'status', { enum: WEBHOOK_STATUSES }],
    [CreatedWebhookView, 'events', { enum: WEBHOOK_EVENT_TYPES, isArray: true }],
    [CreatedWebhookView, 'status', { enum: WEBHOOK_STATUSES }],
    [WebhookDeliveryView, 'type', { enum: WEBHOOK_EVENT_TYPES }],
    [WebhookDeliveryView, 'status', { enum: WEBHOOK_DELIVERY_STATUSES }],
    [AuthProviders, 'signup', { enum: SIGNUP_MODES }],
    [AuthProviders, 'directMessages', { enum: DIRECT_MESSAGE_MODES }],
    [ApiErrorBody, 'message', { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }],
    [
      ApiErrorBody,
      'errors',
      {
        type: 'object',
        additionalProperties: { type: 'array', items: { type: 'string' } },
        example: { password: ['password must be longer than or equal to 8 characters'] },
      },
    ],
  ];
  for (const [model, key, options] of hints) ApiProperty(options)(model.prototype, key);
}
