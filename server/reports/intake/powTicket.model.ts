// Proof-of-work challenges already spent, kept until they would have expired anyway.
import { Schema, model } from 'mongoose';

const powTicketSchema = new Schema(
  { _id: { type: String }, expiresAt: { type: Date, required: true, expires: 0 } },
  { versionKey: false },
);

export const PowTicket = model('PowTicket', powTicketSchema, 'pow_tickets');
