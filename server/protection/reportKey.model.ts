// One random data key per report and class of personal data, wrapped by the server
// key. Kept apart from the data it opens, so that deleting it shreds every copy.
import { Schema, model } from 'mongoose';

const reportKeySchema = new Schema(
  {
    /** `<reference>/<data class>` */
    _id: { type: String },
    /** The 32-byte key, sealed by the server's SecretBox. */
    wrapped: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const ReportKey = model('ReportKey', reportKeySchema, 'report_keys');
