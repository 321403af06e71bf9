import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { Role, UserOrigin, UserSettings } from '../../contracts/users';

/** 'erased': the person's data is gone (see AccountErasureService); treated like an account that no longer exists. */
export type UserStatus = 'active' | 'banned' | 'erased';
export type { UserOrigin } from '../../contracts/users';

@Schema({ _id: false })
export class Settings implements Omit<UserSettings, 'doNotDisturbUntil'> {
  @Prop({ default: true }) sound: boolean;
  @Prop({ default: true }) readReceipts: boolean;
  @Prop({ default: true }) emailNotifications: boolean;
  @Prop({ type: Date, default: null }) doNotDisturbUntil: Date | null;
}

@Schema({ timestamps: true, collection: 'users' })
export class User {
  @Prop({ required: true, lowercase: true, trim: true }) username: string;
  @Prop({ required: true, lowercase: true, trim: true }) email: string;
  /** Set once the owner opened a verification (or password reset) link sent to `email`. */
  @Prop({ default: false }) emailVerified: boolean;
  @Prop({ required: true }) passwordHash: string;
  @Prop({ required: true, trim: true }) displayName: string;
  /** The folded display name and each of its words: the keys people search by (see name-keys.ts). */
  @Prop({ type: [String], required: true }) nameKeys: string[];
  @Prop({ default: '' }) bio: string;
  @Prop({ type: SchemaTypes.ObjectId, default: null }) avatar: Types.ObjectId | null;
  @Prop({ type: [String], default: ['user'] }) roles: Role[];
  @Prop({ type: String, default: 'active' }) status: UserStatus;
  @Prop({ type: Settings, default: () => ({}) }) settings: Settings;
  @Prop({ type: Date, default: null }) lastSeenAt: Date | null;
  /** The OIDC `sub` of the person at the identity provider; absent (not null) until linked, for the sparse index. */
  @Prop({ type: String }) externalId?: string;
  @Prop({ type: String, default: 'signup' }) origin: UserOrigin;
  /**
   * SCIM's `userName`, for accounts an identity provider provisioned or updated. Absent on the others, whose SCIM
   * userName is their username (the sparse unique index needs it absent, not null).
   */
  @Prop({ type: String, trim: true }) scimUserName?: string;
  /** Lowercased scimUserName: SCIM userNames are unique and compared case-insensitively. */
  @Prop({ type: String }) scimUserNameLower?: string;
  /** SCIM's `externalId`: the identity provider's own id of the person (not the OIDC subject). */
  @Prop({ type: String }) scimExternalId?: string;
  @Prop({ type: String, trim: true }) givenName?: string;
  @Prop({ type: String, trim: true }) familyName?: string;
  createdAt: Date;
  updatedAt: Date;
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);

// Login by username, uniqueness, and username prefix search (anchored regex uses the index).
UserSchema.index({ username: 1 }, { unique: true });
// Login by email, uniqueness.
UserSchema.index({ email: 1 }, { unique: true });
// Single sign-on finds the account by the IdP's subject; one account per subject.
UserSchema.index({ externalId: 1 }, { unique: true, sparse: true });
// Search by the start of any word of the display name (multikey).
UserSchema.index({ nameKeys: 1 });
// SCIM: `filter=userName eq "…"` and its uniqueness.
UserSchema.index({ scimUserNameLower: 1 }, { unique: true, sparse: true });
// SCIM: `filter=externalId eq "…"`.
UserSchema.index({ scimExternalId: 1 }, { sparse: true });
