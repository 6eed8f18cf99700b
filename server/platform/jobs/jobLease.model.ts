// One lease per scheduled job: whichever instance holds it runs the job.
import { Schema, model } from 'mongoose';

const jobLeaseSchema = new Schema(
  {
    _id: { type: String },
    owner: { type: String, required: true },
    leaseUntil: { type: Date, required: true },
    lastRunAt: { type: Date },
  },
  { versionKey: false },
);

export const JobLease = model('JobLease', jobLeaseSchema, 'job_leases');
