// The reporter's protection steps from follow-up: answering a check-in (回访) and
// reporting retaliation. Both answer with the report as it now stands.
import { protection } from '../../../../../shared/contract/protection';
import type { z } from 'zod';
import type { checkInAnswerBody, retaliationBody } from '../../../../../shared/schemas/protection';
import { call } from '../../../apiClient';
import type { FollowupSession } from '../followupApi';

const bearer = (s: FollowupSession) => ({ headers: { Authorization: `Bearer ${s.token}` } });

export const protectionApi = {
  answerCheckIn: (s: FollowupSession, body: z.infer<typeof checkInAnswerBody>) =>
    call(protection.checkInAnswer, { body }, bearer(s)),
  reportRetaliation: (s: FollowupSession, body: z.infer<typeof retaliationBody>) =>
    call(protection.retaliation, { body }, bearer(s)),
};
