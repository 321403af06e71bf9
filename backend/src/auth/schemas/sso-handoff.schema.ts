import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument, SchemaTypes, Types } from 'mongoose';

/**
 * A single sign-on finished in a popup for a framed app (SsoHandoffService): the sign-in waits here, for a minute,
 * until the frame that opened the popup redeems it. Only the hash of the code is stored.
 */
@Schema({ collection: 'sso_handoffs' })
export class SsoHandoff {
  @Prop({ required: true }) codeHash: string;
  /** sha256 (base64url) of the verifier only the frame that started the sign-in knows. */
  @Prop({ required: true }) challenge: string;
  @Prop({ type: SchemaTypes.ObjectId, required: true }) userId: Types.ObjectId;
  /** The IdP's tokens, sealed (idp-tokens.ts), for the session the redemption starts. */
  @Prop({ required: true }) idpTokens: string;
  @Prop({ type: Date, required: true }) expiresAt: Date;
}

export type SsoHandoffDocument = HydratedDocument<SsoHandoff>;
export const SsoHandoffSchema = SchemaFactory.createForClass(SsoHandoff);

// Redemption: one atomic findOneAndDelete by the code's hash.
SsoHandoffSchema.index({ codeHash: 1 }, { unique: true });
// Unredeemed hand-offs are removed by MongoDB itself.
SsoHandoffSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
