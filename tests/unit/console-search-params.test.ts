// The console reads list filters from the address with the server's query schemas: what the
// schema accepts is kept, anything else falls back to that field's default, nothing throws.
import { parseSearch } from '../../client/src/console/searchParams';
import { auditListQuery } from '../../shared/schemas/common';
import { ledgerQuery } from '../../shared/schemas/fund';
import { reportListQuery } from '../../shared/schemas/workflow';

const read = (query: string) => parseSearch(reportListQuery, new URLSearchParams(query));

describe('list filters in the address', () => {
  test('an empty address gives the defaults only', () => {
    expect(read('')).toEqual({ page: 1, pageSize: 20, sort: 'submittedAt' });
  });

  test('valid values are kept, typed as the server reads them', () => {
    expect(
      read(
        'queue=new&status=screening&area=410503&category=fire-exits-blocked&q=%20超市%20&from=2026-11-01&to=2026-11-30&sort=dueAt&page=3&pageSize=50',
      ),
    ).toEqual({
      queue: 'new',
      status: 'screening',
      area: '410503',
      category: 'fire-exits-blocked',
      q: '超市',
      from: '2026-11-01',
      to: '2026-11-30',
      sort: 'dueAt',
      page: 3,
      pageSize: 50,
    });
  });

  test('each unknown or out-of-range value falls back on its own, the others stay', () => {
    expect(
      read(
        'queue=elsewhere&status=lost&area=9999&from=yesterday&sort=random&page=-3&pageSize=1000&q=' +
          'x'.repeat(61) +
          '&category=fire-exits-blocked',
      ),
    ).toEqual({
      category: 'fire-exits-blocked',
      page: 1,
      pageSize: 20,
      sort: 'submittedAt',
    });
  });

  test('an area code is checked for its shape only: which areas exist is the jurisdiction’s, on the server', () => {
    expect(read('area=999999')).toEqual({ area: '999999', page: 1, pageSize: 20, sort: 'submittedAt' });
  });

  test('empty values and unknown parameters are ignored', () => {
    expect(read('area=&status=&utm_source=mail')).toEqual({ page: 1, pageSize: 20, sort: 'submittedAt' });
  });

  test('other lists read theirs the same way', () => {
    expect(parseSearch(ledgerQuery, new URLSearchParams('kind=pay&page=2&from=2026-13-40'))).toEqual({
      kind: 'pay',
      page: 2,
      pageSize: 20,
    });
    expect(parseSearch(auditListQuery, new URLSearchParams('before=0&limit=20'))).toEqual({ limit: 20 });
  });
});
