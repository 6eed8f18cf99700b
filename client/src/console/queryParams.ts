// A list's filters, sort and page live in the address bar: a reload or a copied link shows the
// same list, and Back returns to the previous filter. The server's own zod schemas (shared/)
// read them (searchParams.ts), so one bad value falls back to its default instead of breaking the page.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { auditListQuery } from '../../../shared/schemas/common';
import type { ledgerQuery } from '../../../shared/schemas/fund';
import type { posterListQuery } from '../../../shared/schemas/poster';
import type { reportListQuery } from '../../../shared/schemas/workflow';
import { parseSearch, type Shape } from './searchParams';

export type ReportListParams = z.output<typeof reportListQuery>;
export type AuditListParams = Omit<z.output<typeof auditListQuery>, 'before'>;
export type LedgerParams = z.output<typeof ledgerQuery>;
export type PosterListParams = z.output<typeof posterListQuery>;
export interface StatsFilter {
  from: string;
  to: string;
  area?: string;
  sector?: string;
}

type SearchValue = string | number | undefined | null;

/**
 * The list's parameters from the address, and a setter that writes changes back as a new
 * history entry. Values left empty, or equal to the schema's default, are removed from the address.
 */
export function useSearchState<S extends z.ZodObject<Shape>>(schema: S) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => parseSearch(schema, params), [schema, params]);
  const update = useCallback(
    (changes: Record<string, SearchValue>) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          const text = value === undefined || value === null ? '' : String(value);
          if (text === '') next.delete(key);
          else next.set(key, text);
        }
        return next;
      });
    },
    [setParams],
  );
  return { values, params, update };
}

/**
 * One parameter from a fixed list of choices (e.g. the months a select offers), with its default.
 * Anything not on the list reads as the default; choosing the default removes it from the address.
 */
export function useSearchChoice(
  key: string,
  choices: readonly string[],
  fallback: string,
): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(key);
  const value = raw !== null && choices.includes(raw) ? raw : fallback;
  const set = useCallback(
    (next: string) =>
      setParams((current) => {
        const updated = new URLSearchParams(current);
        if (next === fallback) updated.delete(key);
        else updated.set(key, next);
        return updated;
      }),
    [key, fallback, setParams],
  );
  return [value, set];
}
