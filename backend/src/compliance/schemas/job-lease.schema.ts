import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Which instance runs a scheduled job now, until when (the lease ends by itself if that instance dies). */
@Schema({ collection: 'job_leases' })
export class JobLease {
  /** The job's name. */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: String, required: true }) owner: string;
  @Prop({ type: Date, required: true }) until: Date;
}

export const JobLeaseSchema = SchemaFactory.createForClass(JobLease);
