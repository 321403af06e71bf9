import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/**
 * One login (a refresh-token family). The refresh token is "<sessionId>.<secret>"; only hashes are stored.
 * Every refresh replaces tokenHash and moves the old hash to previousHashes, so a rotated token presented
 * again is recognised as reuse.
 */
@Schema({ timestamps: true, collection: 'sessions' })
export class Session {
  @Prop({ type: SchemaTypes.ObjectId, required: true }) userId: Types.ObjectId;
  @Prop({ required: true }) tokenHash: string;
  @Prop({ type: [String], default: [] }) previousHashes: string[];
  @Prop({ type: Date, default: null }) rotatedAt: Date | null;
  @Prop({ type: Date, required: true }) expiresAt: Date;
  @Prop({ type: Date, required: true }) lastUsedAt: Date;
  @Prop({ type: Date, default: null }) revokedAt: Date | null;
  @Prop({ type: String, default: null }) revokedReason: string | null;
  @Prop({ default: '' }) userAgent: string;
  @Prop({ default: '' }) ip: string;
  /** Single sign-on: the IdP's refresh and ID token, encrypted (idp-tokens.ts); null for password sign-ins. */
  @Prop({ type: String, default: null }) idpTokens: string | null;
  createdAt: Date;
}

export type SessionDocument = HydratedDocument<Session>;
export const SessionSchema = SchemaFactory.createForClass(Session);

// A user's live sessions: revoke-all and the sessions list.
SessionSchema.index({ userId: 1, revokedAt: 1 });
// Expired sessions are removed by MongoDB itself.
SessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
