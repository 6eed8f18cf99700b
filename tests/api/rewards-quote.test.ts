// The public reward estimator over HTTP (POST /api/v1/rewards/quote), on the real app:
// quotes in both languages, the default day, and 400s that name the field at fault.
import request from 'supertest';
import { shanghaiDay } from '../../shared/dates';
import { builtInPolicies, policyInForce, quoteReward } from '../../shared/rewards';
import { startTestApp, type TestApp } from '../support/server';
import { errorPaths, expectProblem } from '../support/staff';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.stop();
});

const quote = (body: unknown, lang?: string) => {
  const req = request(t.app).post('/api/v1/rewards/quote');
  if (lang) req.set('Accept-Language', lang);
  return req.send(body as object);
};

describe('good quotes', () => {
  test('a major hazard with a fine: 15% rounded to whole yuan, the range, the policy and zh-CN steps', async () => {
    const res = await quote({
      scheme: 'violation',
      violationKind: 'major-hazard',
      fineFen: 2_001_000,
      reportedOn: '2025-11-28',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      amountFen: 300_200,
      minFen: 300_000,
      maxFen: 30_000_000,
      policy: 'henan-2025',
      scheme: 'violation',
      reportedOn: '2025-11-28',
    });
    expect(res.body.policyTitle).toEqual({
      zh: '河南省安全生产领域举报奖励办法（2025 年修订）',
      en: 'Henan work-safety reporting reward rules (2025 revision)',
    });
    expect(res.body.explanation).toContain('罚款 20,010 元 × 15% = 3,001.5 元，四舍五入到整元为 3,002 元。');
    // The documents applied, title and 文号: never the welding rule for a major hazard.
    expect(res.body.documents).toEqual([
      { title: builtInPolicies.at(-1)!.documents.find((d) => d.id === 'henan-2025')!.title, number: '' },
      {
        title: { zh: '安阳市安全生产领域举报奖励制度', en: 'Anyang work-safety reporting reward rules' },
        number: '安安委〔2022〕14号',
      },
    ]);
    expect(res.body.explanation.every((line: unknown) => typeof line === 'string')).toBe(true);
  });

  test('the documented check case: a concealed larger accident with 4 deaths pays 160,000 yuan', async () => {
    const res = await quote({
      scheme: 'concealed-accident',
      accidentGrade: 'larger',
      concealedDeaths: 4,
      reportedOn: '2020-01-15',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      amountFen: 16_000_000,
      minFen: 3_000_000,
      maxFen: 30_000_000,
      policy: 'national-2018',
      scheme: 'concealed-accident',
    });
  });

  test('a welding report that is also a major hazard is paid under the scheme that pays more', async () => {
    const res = await quote({
      scheme: 'welding',
      violationKind: 'major-hazard',
      realName: true,
      reportedOn: '2025-11-28',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ amountFen: 300_000, scheme: 'violation' });
    expect(res.body.explanation).toContain(
      '同时符合焊接作业奖励（500 元）和重大事故隐患奖励（3,000 元），取较高的一项，不重复奖励。',
    );
  });

  test('an employee gets the uplift of the version in force: +10% in 2024, +15% from the 2025 revision', async () => {
    const body = { scheme: 'violation', fineFen: 20_000_000, employeeOfSubject: true, realName: true };
    expect((await quote({ ...body, reportedOn: '2024-12-31' })).body).toMatchObject({
      amountFen: 3_300_000,
      policy: 'henan-2023',
    });
    expect((await quote({ ...body, reportedOn: '2025-06-01' })).body).toMatchObject({
      amountFen: 3_450_000,
      policy: 'henan-2025',
    });
  });

  test('without reportedOn, today in Asia/Shanghai picks the policy', async () => {
    const res = await quote({ scheme: 'welding' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      amountFen: 50_000,
      minFen: 50_000,
      maxFen: 300_000,
      reportedOn: shanghaiDay(),
      policy: policyInForce(shanghaiDay(), builtInPolicies).id,
    });
  });

  test('Accept-Language: en gives the explanation in English', async () => {
    const res = await quote({ scheme: 'violation', fineFen: 2_001_660, reportedOn: '2025-11-28' }, 'en');
    expect(res.status).toBe(200);
    expect(res.body.amountFen).toBe(300_200);
    expect(res.body.explanation).toContain(
      '15% of the fine of 20,016.60 yuan = 3,002.49 yuan, rounded to the nearest yuan: 3,002 yuan.',
    );
    expect(res.body.explanation.at(-1)).toBe(
      'Estimated reward: 3,002 yuan (the verifier may set it within 3,000 – 300,000 yuan).',
    );
    expect(res.body.explanation.join(' ')).not.toMatch(/[\u4e00-\u9fff]{4}/); // no Chinese sentences (document numbers may stay)
  });

  test('the public estimator says what applies: no mark on assumed values or an assumed effective date', async () => {
    // The version in force before 2025 has an assumed effective date and an assumed rounding; staff see both marks.
    const input = {
      scheme: 'violation',
      violationKind: 'major-hazard',
      fineFen: 2_001_000,
      reportedOn: '2024-06-01',
    } as const;
    const staffLines = quoteReward(input, builtInPolicies).explanation;
    expect(staffLines.map((l) => l.zh).join('')).toContain('（施行日期为暂定）');
    expect(staffLines.map((l) => l.en).join('')).toContain('(an assumed date)');
    for (const lang of ['zh-CN', 'en']) {
      const res = await quote(input, lang);
      expect(res.status).toBe(200);
      expect(res.body.explanation).toHaveLength(staffLines.length);
      expect(res.body.explanation.join('\n')).not.toMatch(/暂定|assumed/i);
    }
    // An anonymous welding report is refused with the rule, without the mark either.
    const refused = await quote({ scheme: 'welding', realName: false, reportedOn: '2024-06-01' });
    expect(JSON.stringify(refused.body)).not.toMatch(/暂定|assumed/i);
  });

  test('the route is public and documented in the OpenAPI document', async () => {
    const doc = await request(t.app).get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/api/v1/rewards/quote']?.post).toBeDefined();
  });
});

describe('bad input: 400 problem documents naming the field', () => {
  test.each([
    ['an unknown scheme', { scheme: 'lottery' }, 'body.scheme'],
    ['a negative fine', { scheme: 'violation', fineFen: -100 }, 'body.fineFen'],
    ['a fine that is not whole fen', { scheme: 'violation', fineFen: 1234.5 }, 'body.fineFen'],
    ['a fine as text', { scheme: 'violation', fineFen: '3000' }, 'body.fineFen'],
    ['an accident without its grade', { scheme: 'concealed-accident', concealedDeaths: 2 }, 'body.accidentGrade'],
    [
      'an accident without its deaths',
      { scheme: 'concealed-accident', accidentGrade: 'major' },
      'body.concealedDeaths',
    ],
    [
      'zero concealed deaths',
      { scheme: 'concealed-accident', accidentGrade: 'major', concealedDeaths: 0 },
      'body.concealedDeaths',
    ],
    [
      'an unknown grade',
      { scheme: 'concealed-accident', accidentGrade: 'huge', concealedDeaths: 1 },
      'body.accidentGrade',
    ],
    ['a grade on a violation', { scheme: 'violation', accidentGrade: 'general' }, 'body.accidentGrade'],
    ['an impossible date', { scheme: 'violation', reportedOn: '2025-02-30' }, 'body.reportedOn'],
    ['a date in another format', { scheme: 'violation', reportedOn: '28/11/2025' }, 'body.reportedOn'],
    ['a day before any policy', { scheme: 'violation', reportedOn: '2017-12-31' }, 'body.reportedOn'],
    [
      'a listed situation under the national rules',
      { scheme: 'violation', violationKind: 'listed-situation', reportedOn: '2019-05-01' },
      'body.violationKind',
    ],
    ['welding without a real name', { scheme: 'welding', realName: false }, 'body.realName'],
    ['welding before the welding rule', { scheme: 'welding', reportedOn: '2023-03-27' }, 'body.scheme'],
    [
      'a general accident with 3 deaths',
      { scheme: 'concealed-accident', accidentGrade: 'general', concealedDeaths: 3 },
      'body.accidentGrade',
    ],
    [
      'a larger accident with 10 deaths in all',
      { scheme: 'concealed-accident', accidentGrade: 'larger', concealedDeaths: 1, totalDeaths: 10 },
      'body.accidentGrade',
    ],
    [
      'a major accident with 100 serious injuries',
      { scheme: 'concealed-accident', accidentGrade: 'major', concealedDeaths: 1, seriousInjuries: 100 },
      'body.accidentGrade',
    ],
    [
      'a grade above what all three facts set',
      {
        scheme: 'concealed-accident',
        accidentGrade: 'major',
        concealedDeaths: 1,
        totalDeaths: 1,
        seriousInjuries: 0,
        directLossFen: 100_000_000,
      },
      'body.accidentGrade',
    ],
    [
      'more concealed deaths than deaths',
      { scheme: 'concealed-accident', accidentGrade: 'larger', concealedDeaths: 4, totalDeaths: 3 },
      'body.concealedDeaths',
    ],
    ['negative serious injuries', { scheme: 'concealed-accident', seriousInjuries: -1 }, 'body.seriousInjuries'],
    ['injuries on a violation', { scheme: 'violation', seriousInjuries: 3 }, 'body.seriousInjuries'],
    ['a coal mine', { scheme: 'violation', category: 'coal-mine-illegal-mining' }, 'body.category'],
    ['an anonymous employee', { scheme: 'violation', employeeOfSubject: true, realName: false }, 'body.realName'],
  ])('%s', async (_case, body, path) => {
    const res = await quote(body);
    expectProblem(res, 400, 'request.invalid');
    expect(errorPaths(res)).toContain(path);
  });

  test('the field message follows Accept-Language', async () => {
    const zh = await quote({ scheme: 'welding', realName: false });
    const en = await quote({ scheme: 'welding', realName: false }, 'en');
    expect(zh.body.errors).toEqual([
      expect.objectContaining({ path: 'body.realName', message: '焊接作业奖励只发给实名举报人。' }),
    ]);
    expect(en.body.errors).toEqual([
      expect.objectContaining({
        path: 'body.realName',
        message: 'The welding reward is paid to real-name reporters only.',
      }),
    ]);
    expect(en.body.title).toBe('The request is invalid; check the fields listed.');
  });

  test('an impossible grade names the minimum grade, in both languages', async () => {
    const body = {
      scheme: 'concealed-accident',
      accidentGrade: 'general',
      concealedDeaths: 3,
      reportedOn: '2025-11-28',
    };
    const zh = await quote(body);
    const en = await quote(body, 'en');
    expect(zh.body.errors[0].message).toContain('至少为较大事故');
    expect(en.body.errors[0].message).toContain('at least a larger accident');
    const right = await quote({ ...body, accidentGrade: 'larger' });
    expect(right.body).toMatchObject({ amountFen: 12_000_000, scheme: 'concealed-accident' });
  });

  test('a coal mine is answered with its own channel, in both languages', async () => {
    const body = { scheme: 'violation', category: 'coal-mine-illegal-mining' };
    expect((await quote(body)).body.errors[0].message).toContain('国家矿山安全监察局河南局');
    expect((await quote(body, 'en')).body.errors[0].message).toContain('outside the city reward scheme');
  });

  test('a body that is not JSON', async () => {
    const res = await request(t.app)
      .post('/api/v1/rewards/quote')
      .set('Content-Type', 'application/json')
      .send('{"scheme":');
    expectProblem(res, 400, 'request.malformed_json');
  });
});
