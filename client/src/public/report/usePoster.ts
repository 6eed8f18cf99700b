// The poster a QR scan came from (/report?poster=<CODE>). The code travels with the
// report; where the server offers the poster's public context, its site and enterprise
// are shown and fill in what the reporter has not (area, place, enterprise: all
// editable), and its sector's categories are offered first.
import { useEffect, useState } from 'react';
import type { posters } from '../../../../shared/contract/posters';
import { ApiError } from '../../api';
import { call, route } from '../../apiClient';
import type { ReportDraft } from './draft';

// Named by route(), so the form's first step loads without zod.
const posterContext = route<typeof posters.context>({
  kind: 'json',
  method: 'get',
  path: '/api/v1/posters/:code/context',
});

/** Printed poster codes: 6 characters of Crockford base32 (shared/schemas/poster.ts). */
const POSTER_CODE = /^[0-9A-HJKMNP-TV-Z]{6}$/;

export function usePoster(param: string | null, draft: ReportDraft, update: (patch: Partial<ReportDraft>) => void) {
  const [unknown, setUnknown] = useState(false);
  const [site, setSite] = useState('');
  const [sector, setSector] = useState('');
  /** What the poster filled in, so that alone is not taken for the reporter's own unsent words. */
  const [filled, setFilled] = useState<Partial<ReportDraft>>({});

  // The address bar wins over a restored draft: the reporter may have scanned another poster.
  useEffect(() => {
    if (param === null) return;
    const code = param.trim().toUpperCase();
    if (POSTER_CODE.test(code)) update({ posterCode: code });
    else {
      update({ posterCode: '' });
      setUnknown(code !== 'UNKNOWN' && code !== ''); // "unknown" is the server's own verdict: nothing to say
    }
  }, [param, update]);

  const code = draft.posterCode;
  useEffect(() => {
    if (!code) return;
    let live = true;
    call(posterContext, { params: { code } }).then(
      (context) => {
        if (!live || context.code !== code) return;
        setSite([context.siteName, context.enterpriseName].filter(Boolean).join(' · '));
        setSector(context.sector);
        // Fill in only what is still empty; the reporter's own words always win.
        const place = [context.address, context.siteName].filter(Boolean).join(' ').slice(0, 200); // the field's limit
        const fill: Partial<ReportDraft> = {
          ...(draft.area ? {} : { area: context.areaCode }),
          ...(draft.address || !place ? {} : { address: place }),
          ...(draft.subjectName ? {} : { subjectName: context.enterpriseName }),
        };
        setFilled(fill);
        update(fill);
      },
      (error) => {
        if (!live) return;
        if (error instanceof ApiError && error.code === 'poster.not_found') {
          update({ posterCode: '' });
          setUnknown(true);
        }
        // Anything else (offline, no such endpoint): keep the code, the server checks it on submission.
      },
    );
    return () => {
      live = false;
    };
    // Only a new code is worth a lookup; the draft's other fields are read at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [code]);

  return {
    code,
    site,
    sector,
    filled,
    unknown,
    drop: () => {
      update({ posterCode: '' });
      setSite('');
    },
  };
}
