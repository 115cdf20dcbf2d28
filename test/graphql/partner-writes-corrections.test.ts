/**
 * Corrections with history: plans and targets are updated and deleted from the version read;
 * claims are withdrawn or superseded, never edited, stay readable, leave preferred choices and
 * progress, and the change feed replayed from zero rebuilds the result, recomputed preferences
 * included.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { gql, gqlData } from '../helpers';
import { bearer, checksums, issueKey } from '../partner-keys';
import { currentData, RESULT, replayFeed } from './partner-writes-helpers';

const DELETED = '... on DeletedObject { id version }';

const mutation = (name: string, input: string, fields = '') =>
  `mutation ($input: ${input}!, $key: String) { ${name}(input: $input, idempotencyKey: $key) {
    ${RESULT} ${fields || '... on Node { id }'} } }`;

async function send<T = Record<string, unknown>>(
  query: string,
  input: Record<string, unknown>,
  key: string,
  idempotencyKey?: string,
): Promise<T> {
  const data = await gqlData<Record<string, T>>(query, { input, key: idempotencyKey }, bearer(key));
  return Object.values(data)[0] as T;
}

describe('plans and targets: corrected and deleted from the version read', () => {
  it('updates and deletes, refuses a plan that still has targets, keeps the audit', async () => {
    const key = await issueKey({ scopes: ['write:plans'], name: 'Qom planning office' });
    const plan = await send<{ id: string }>(
      mutation('createPlan', 'CreatePlanInput'),
      {
        slug: 'qom-test-plan',
        region: 'qom',
        kind: 'ANNUAL_PROGRAMME',
        nameFa: 'برنامه',
        nameEn: 'Plan',
        status: 'DRAFTED',
      },
      key,
    );
    const updatePlan = mutation(
      'updatePlan',
      'UpdatePlanInput',
      '... on Plan { id nameEn version }',
    );
    const change = { id: plan.id, version: 1, changes: { nameEn: 'Annual programme 1405' } };
    const updated = await send(updatePlan, change, key, 'fix-name');
    expect(updated).toMatchObject({
      __typename: 'Plan',
      nameEn: 'Annual programme 1405',
      version: 2,
    });
    // the same idempotency key: the first result, nothing written again
    const before = await checksums();
    expect(await send(updatePlan, change, key, 'fix-name')).toEqual(updated);
    expect(await checksums()).toEqual(before);

    const target = await send<{ id: string }>(
      mutation('createPlanTarget', 'CreatePlanTargetInput'),
      {
        slug: 'qom-test-target',
        plan: 'qom-test-plan',
        indicator: 'units_revived',
        region: 'qom',
        comparator: 'AT_LEAST',
        targetValue: 40,
        targetKind: 'INCREMENT',
      },
      key,
    );
    const updateTarget = mutation(
      'updatePlanTarget',
      'UpdatePlanTargetInput',
      '... on PlanTarget { id targetValue version }',
    );
    // a dated baseline without its value would break the table's CHECK: a typed issue instead
    expect(
      await send(
        updateTarget,
        { id: target.id, version: 1, changes: { baselineOn: '2025-08-23' } },
        key,
      ),
    ).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'changes', 'baselineValue'], code: 'required' }],
    });
    expect(
      await send(updateTarget, { id: target.id, version: 1, changes: { targetValue: 45 } }, key),
    ).toMatchObject({ __typename: 'PlanTarget', targetValue: 45, version: 2 });

    const deletePlan = mutation('deletePlan', 'DeleteInput', DELETED);
    expect(await send(deletePlan, { id: plan.id, version: 2 }, key)).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'id'], code: 'has_dependents' }],
    });
    expect(
      await send(
        mutation('deletePlanTarget', 'DeleteInput', DELETED),
        { id: target.id, version: 2 },
        key,
      ),
    ).toEqual({ __typename: 'DeletedObject', id: target.id, version: 3 });
    expect(await send(deletePlan, { id: plan.id, version: 2 }, key)).toEqual({
      __typename: 'DeletedObject',
      id: plan.id,
      version: 3,
    });

    const admin = await issueKey({ scopes: ['admin'] });
    const audit = await gqlData<{
      auditLog: { entries: { operation: string; keyName: string }[] };
    }>('{ auditLog { ... on AuditPage { entries { operation keyName } } } }', {}, bearer(admin));
    expect(audit.auditLog.entries.map((e) => e.operation)).toEqual([
      'createPlan',
      'updatePlan',
      'createPlanTarget',
      'updatePlanTarget',
      'deletePlanTarget',
      'deletePlan',
    ]);
  });
});

const CLAIM = `id slug status statusReason statusChangedBy statusChangedAt preferred preferredReason
  supersedes { slug } supersededBy { slug }`;
const RECORD = mutation('recordClaim', 'RecordClaimInput', `... on Claim { ${CLAIM} }`);
const WITHDRAW = mutation('withdrawClaim', 'WithdrawClaimInput', `... on Claim { ${CLAIM} }`);
const SUPERSEDE = mutation('supersedeClaim', 'SupersedeClaimInput', `... on Claim { ${CLAIM} }`);
const MARK = mutation('markClaimPreferred', 'MarkClaimPreferredInput');

type ClaimResult = { id: string; preferred: boolean } & Record<string, unknown>;

/** A level of units revived in Qom, in one comparison group; the revival target is judged by it. */
const revived = (slug: string, asOf: string, value: number) => ({
  slug,
  source: { slug: 'mehr-2025-08-23-seed' },
  indicator: 'units_revived',
  subject: { kind: 'REGION', slug: 'qom' },
  measure: 'LEVEL',
  value,
  normalisedValue: value,
  asOf,
  comparisonKey: 'test-units-revived',
});

const claimBySlug = async (slug: string) =>
  (
    await gqlData<{ claims: { nodes: Record<string, unknown>[] } }>(
      `{ claims(filter: { indicator: "units_revived" }, first: 100) {
      nodes { slug status preferred preferredReason version } } }`,
    )
  ).claims.nodes.find((c) => c.slug === slug);

const TARGET = `{ plan(slug: "qom-four-year-plan") { targets { slug progress { achieved basedOn { slug } } } } }`;
const revivalProgress = async () =>
  (
    await gqlData<{ plan: { targets: { slug: string; progress: unknown }[] } }>(TARGET)
  ).plan.targets.find((t) => t.slug === 'revive-65-more-units')?.progress;

describe('claims: withdrawn or superseded, never edited', () => {
  it('keeps them readable, moves the preference, leaves progress, and the feed rebuilds it all', async () => {
    const key = await issueKey({ scopes: ['write:claims'], name: 'Qom statistics office' });
    const progressBefore = await revivalProgress();
    const first = await send<ClaimResult>(RECORD, revived('units-a', '2025-10-01', 380), key);
    const second = await send<ClaimResult>(RECORD, revived('units-b', '2025-11-01', 390), key);
    expect([first.preferred, second.preferred]).toEqual([true, false]);
    expect(await revivalProgress()).toMatchObject({ achieved: 30, basedOn: { slug: 'units-a' } });

    // withdrawn: readable with its reason, by whom and when; the other claim becomes preferred
    const withdrawn = await send(
      WITHDRAW,
      { id: first.id, version: 1, reason: 'Misread the table.' },
      key,
    );
    expect(withdrawn).toMatchObject({
      __typename: 'Claim',
      slug: 'units-a',
      status: 'WITHDRAWN',
      statusReason: 'Misread the table.',
      statusChangedBy: 'Qom statistics office',
      preferred: false,
      preferredReason: null,
    });
    expect((withdrawn as { statusChangedAt: string }).statusChangedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await claimBySlug('units-b')).toMatchObject({
      preferred: true,
      preferredReason: 'Claim units-a was withdrawn.',
      version: 2,
    });
    expect(await revivalProgress()).toMatchObject({ achieved: 40, basedOn: { slug: 'units-b' } });

    // superseded by a claim that points at it, and takes its preference
    const replacement = await send(
      SUPERSEDE,
      {
        id: second.id,
        version: 2,
        reason: 'The office corrected its figure.',
        claim: revived('units-c', '2025-11-01', 392),
      },
      key,
    );
    expect(replacement).toMatchObject({
      __typename: 'Claim',
      slug: 'units-c',
      status: 'ACTIVE',
      preferred: true,
      preferredReason: 'Supersedes claim units-b.',
      supersedes: { slug: 'units-b' },
    });
    expect(await claimBySlug('units-b')).toMatchObject({
      status: 'SUPERSEDED',
      preferred: false,
      version: 3,
    });
    expect(await revivalProgress()).toMatchObject({ achieved: 42, basedOn: { slug: 'units-c' } });

    // ended claims stay as they are
    const before = await checksums();
    for (const [query, input] of [
      [WITHDRAW, { id: first.id, version: 2, reason: 'Again.' }],
      [MARK, { id: second.id, version: 3, reason: 'Prefer the old one.' }],
    ] as const) {
      const { body } = await gql<Record<string, unknown>>(query, { input }, bearer(key));
      expect(Object.values(body.data ?? {})[0]).toMatchObject({
        __typename: 'ValidationError',
        issues: [{ path: ['input', 'id'], code: 'not_active' }],
      });
    }
    expect(await checksums()).toEqual(before);

    // withdrawing the last standing claim leaves the group without a preferred claim
    const third = replacement as ClaimResult;
    await send(WITHDRAW, { id: third.id, version: 1, reason: 'Duplicate report.' }, key);
    expect(await revivalProgress()).toEqual(progressBefore);

    // exports say so too
    const ndjson = await exports.default.fetch(
      'http://ostan.test/exports/claims.ndjson?indicator=units_revived',
    );
    const exported = (await ndjson.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((row) => String(row.slug).startsWith('units-'));
    expect(exported).toMatchObject([
      {
        slug: 'units-a',
        status: 'withdrawn',
        status_reason: 'Misread the table.',
        preferred: false,
      },
      { slug: 'units-b', status: 'superseded', preferred: false },
      { slug: 'units-c', status: 'withdrawn', preferred: false },
    ]);

    // the feed has every step, and replayed from zero it rebuilds the data, preferences included
    const { rebuilt } = await replayFeed();
    const current = await currentData();
    expect(Object.fromEntries(rebuilt)).toEqual(Object.fromEntries(current));
    const states = [...rebuilt.values()]
      .filter((row) => String(row.slug).startsWith('units-'))
      .map((row) => [row.slug, row.status, row.preferred, row.supersedes_id !== null]);
    expect(states).toEqual([
      ['units-a', 'withdrawn', 0, false],
      ['units-b', 'superseded', 0, false],
      ['units-c', 'withdrawn', 0, true],
    ]);
  });
});
