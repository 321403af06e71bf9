import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One document per install: how many active admins there are. Never more than the real number (a removal is
 * taken off before the user changes, an addition counted after), so "never the last admin" can be one atomic
 * conditional write on it.
 */
@Schema({ collection: 'active_admins', versionKey: false })
export class ActiveAdmins {
  @Prop({ type: String }) _id: string;
  @Prop({ required: true }) count: number;
}

export const ActiveAdminsSchema = SchemaFactory.createForClass(ActiveAdmins);
