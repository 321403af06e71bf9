import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/**
 * A link that sets the password: a reset link, or an admin's invitation (which also signs the invitee in). Only the
 * SHA-256 of its token is stored; the token itself is only in the mail.
 */
@Schema({ timestamps: { createdAt: true, updatedAt: false }, collection: 'password_resets' })
export class PasswordReset {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) userId: Types.ObjectId;
  @Prop({ type: String, default: 'reset' }) purpose: 'reset' | 'invitation';
  @Prop({ required: true }) tokenHash: string;
  @Prop({ type: Date, required: true }) expiresAt: Date;
  /** Set when the link is used, or voided because the password changed some other way. */
  @Prop({ type: Date, default: null }) usedAt: Date | null;
  @Prop({ default: '' }) ip: string;
  createdAt: Date;
}

export type PasswordResetDocument = HydratedDocument<PasswordReset>;
export const PasswordResetSchema = SchemaFactory.createForClass(PasswordReset);

// Redeeming a link: look it up by the hash of the token it carries.
PasswordResetSchema.index({ tokenHash: 1 }, { unique: true });
// Voiding a user's outstanding links once the password has changed.
PasswordResetSchema.index({ userId: 1, usedAt: 1 });
// Expired links are removed by MongoDB itself.
PasswordResetSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
