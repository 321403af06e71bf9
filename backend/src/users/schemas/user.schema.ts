import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

import type { Role, UserOrigin, UserSettings } from '../../contracts/users';

/** 'erased': the person's data is gone (see AccountErasureService); treated like an account that no longer exists. */
export type UserStatus = 'active' | 'banned' | 'erased';
export type { UserOrigin } from '../../contracts/users';

@Schema({ _id: false })
export class Settings implements UserSettings {
  @Prop({ default: true }) sound: boolean;
  @Prop({ default: true }) readReceipts: boolean;
}

@Schema({ timestamps: true, collection: 'users' })
export class User {
  @Prop({ required: true, lowercase: true, trim: true }) username: string;
  @Prop({ required: true, lowercase: true, trim: true }) email: string;
  /** Set once the owner opened a verification (or password reset) link sent to `email`. */
  @Prop({ default: false }) emailVerified: boolean;
  @Prop({ required: true }) passwordHash: string;
  @Prop({ required: true, trim: true }) displayName: string;
  /** Lowercased displayName: the key for prefix search. */
  @Prop({ required: true }) displayNameLower: string;
  @Prop({ default: '' }) bio: string;
  @Prop({ type: SchemaTypes.ObjectId, default: null }) avatar: Types.ObjectId | null;
  @Prop({ type: [String], default: ['user'] }) roles: Role[];
  @Prop({ type: String, default: 'active' }) status: UserStatus;
  @Prop({ type: Settings, default: () => ({}) }) settings: Settings;
  @Prop({ type: Date, default: null }) lastSeenAt: Date | null;
  @Prop({ type: String, default: 'signup' }) origin: UserOrigin;
  createdAt: Date;
  updatedAt: Date;
}

export type UserDocument = HydratedDocument<User>;
export const UserSchema = SchemaFactory.createForClass(User);

// Login by username, uniqueness, and username prefix search (anchored regex uses the index).
UserSchema.index({ username: 1 }, { unique: true });
// Login by email, uniqueness.
UserSchema.index({ email: 1 }, { unique: true });
// Prefix search on the display name.
UserSchema.index({ displayNameLower: 1 });
