// The verifiers who may take a report: for an acceptance, a reassignment, or a new
// verification ordered by a referral's or an objection's decision.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api';
import { queryKeys } from '../../queryKeys';
import type { Verifier } from './caseTypes';

const NO_VERIFIERS: Verifier[] = [];

export function useAssignableVerifiers(reference: string): Verifier[] {
  // On failure the select stays empty; the action's own error explains on submit.
  const { data } = useQuery({
    queryKey: queryKeys.reports.verifiers(reference),
    queryFn: ({ signal }) => api.get<{ items: Verifier[] }>(`/reports/${reference}/assignable-verifiers`, { signal }),
  });
  return data?.items ?? NO_VERIFIERS;
}
