/**
 * The cases of issue 11's "Why", as an adversarial Qom key would try them against rows an Iran
 * key wrote, with the outcome each must now have; and the input that used to reach D1's own
 * constraints (null required fields, a parent loop).
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { gql, gqlData } from '../helpers';
import { bearer, checksums, issueKey } from '../partner-keys';
import { RESULT, seedProject, UPDATE_PROJECT } from './partner-writes-helpers';

const ALL = ['write:projects', 'write:energy', 'write:claims', 'write:plans'] as const;
const iranKey = () => issueKey({ scopes: [...ALL], regions: ['iran'], name: 'Iran office' });
const qomKey = () => issueKey({ scopes: [...ALL], regions: ['qom'], name: 'Qom office' });

const OUTCOME = `${RESULT} ... on ForbiddenError { path } ... on Node { id }`;
const RECORD = `mutation ($input: RecordClaimInput!) { recordClaim(input: $input) {
  ${OUTCOME} ... on Claim { version preferred } } }`;
const MARK = `mutation ($input: MarkClaimPreferredInput!) { markClaimPreferred(input: $input) { ${OUTCOME} } }`;
const CREATE_ASSET = `mutation ($input: CreateEnergyAssetInput!) { createEnergyAsset(input: $input) { ${OUTCOME} } }`;
const UPDATE_ASSET = `mutation ($input: UpdateEnergyAssetInput!) { updateEnergyAsset(input: $input) {
  ${OUTCOME} ... on EnergyAsset { version } } }`;

const claimInput = (slug: string, extra: Record<string, unknown>) => ({
  slug,
  source: { slug: 'mehr-2025-08-23-seed' },
  indicator: 'capacity_mw',
  measure: 'LEVEL',
  value: 10,
  ...extra,
});

/** What an Iran key wrote: a project, a plant, a plan and a preferred claim about the project. */
async function iranRows() {
  const headers = bearer(await iranKey());
  const names = { nameFa: 'آزمایشی', nameEn: 'Test' };
  await gqlData(
    'mutation ($input: CreateProjectInput!) { createProject(input: $input) { __typename } }',
    { input: { slug: 'iran-project', region: 'iran', status: 'PLANNED', ...names } },
    headers,
  );
  await gqlData(
    CREATE_ASSET,
    {
      input: {
        slug: 'iran-plant',
        region: 'iran',
        technology: 'SOLAR_PV',
        status: 'OPERATIONAL',
        capacityMw: 50,
        ...names,
      },
    },
    headers,
  );
  await gqlData(
    'mutation ($input: CreatePlanInput!) { createPlan(input: $input) { __typename } }',
    {
      input: {
        slug: 'iran-plan',
        region: 'iran',
        kind: 'DEVELOPMENT_PLAN',
        status: 'IN_FORCE',
        ...names,
      },
    },
    headers,
  );
  const claim = await gqlData<{ recordClaim: { id: string; preferred: boolean } }>(
    RECORD,
    {
      input: claimInput('iran-claim', {
        subject: { kind: 'PROJECT', slug: 'iran-project' },
        comparisonKey: 'iran-capacity',
      }),
    },
    headers,
  );
  expect(claim.recordClaim.preferred).toBe(true);
  return { headers, claimId: claim.recordClaim.id };
}

/** Sends a write and expects it refused, D1 byte-identical; returns the result. */
async function refused(query: string, input: Record<string, unknown>, key: string) {
  const before = await checksums();
  const { body } = await gql<Record<string, Record<string, unknown>>>(
    query,
    { input },
    bearer(key),
  );
  expect(body.errors).toBeUndefined();
  expect(await checksums()).toEqual(before);
  return Object.values(body.data ?? {})[0];
}

const regionRefusal = (path: string[]) => ({
  __typename: 'ForbiddenError',
  reason: 'REGION',
  path,
});

describe('a Qom key against rows an Iran key wrote', () => {
  it.each([
    ['the Iran project', { kind: 'PROJECT', slug: 'iran-project' }],
    ['the iran region itself', { kind: 'REGION', slug: 'iran' }],
  ])('recordClaim about %s (with region qom) is refused at subject', async (_name, subject) => {
    await iranRows();
    const input = claimInput('qom-claim', { subject, region: 'qom' });
    expect(await refused(RECORD, input, await qomKey())).toMatchObject(
      regionRefusal(['input', 'subject']),
    );
  });

  it('cannot join the Iran claim’s comparison group, nor take a preference from an Iran claim', async () => {
    const { headers } = await iranRows();
    const qom = await qomKey();
    const joining = claimInput('qom-claim', {
      subject: { kind: 'PROJECT', slug: 'iran-project' },
      comparisonKey: 'iran-capacity',
      region: 'qom',
    });
    expect(await refused(RECORD, joining, qom)).toMatchObject(regionRefusal(['input', 'subject']));

    // a sector has no region: Iran's claim and Qom's can share a group, each in its own region
    const sectorClaim = (slug: string, region: string) =>
      claimInput(slug, {
        subject: { kind: 'SECTOR', slug: 'footwear' },
        region,
        comparisonKey: 'output',
      });
    const iranClaim = await gqlData<{ recordClaim: { id: string; preferred: boolean } }>(
      RECORD,
      { input: sectorClaim('iran-footwear', 'iran') },
      headers,
    );
    const qomClaim = await gqlData<{ recordClaim: { id: string; preferred: boolean } }>(
      RECORD,
      { input: sectorClaim('qom-footwear', 'qom') },
      bearer(qom),
    );
    expect([iranClaim.recordClaim.preferred, qomClaim.recordClaim.preferred]).toEqual([
      true,
      false,
    ]);
    const mark = { id: qomClaim.recordClaim.id, version: 1, reason: 'Ours is newer.' };
    expect(await refused(MARK, mark, qom)).toMatchObject(regionRefusal(['input', 'id']));
    expect(
      await env.DB.prepare(
        "SELECT slug, preferred, version FROM claims WHERE slug IN ('iran-footwear', 'qom-footwear') ORDER BY slug",
      ).all(),
    ).toMatchObject({
      results: [
        { slug: 'iran-footwear', preferred: 1, version: 1 },
        { slug: 'qom-footwear', preferred: 0, version: 1 },
      ],
    });
  });

  it('createEnergyAsset under the Iran plant is refused at parent; Iran’s totals stay', async () => {
    await iranRows();
    const TOTALS = '{ energyTotals(filter: { region: "iran" }) { count capacityMw { sum } } }';
    const totals = await gqlData(TOTALS);
    const phase = {
      slug: 'qom-phase',
      region: 'qom',
      parent: 'iran-plant',
      phase: 1,
      nameFa: 'فاز',
      nameEn: 'Phase',
      technology: 'SOLAR_PV',
      status: 'OPERATIONAL',
      capacityMw: 1,
    };
    expect(await refused(CREATE_ASSET, phase, await qomKey())).toMatchObject(
      regionRefusal(['input', 'parent']),
    );
    expect(await gqlData(TOTALS)).toEqual(totals);
  });

  it('createPlanTarget on the Iran plan (with region qom) is refused at plan', async () => {
    await iranRows();
    const target = {
      slug: 'qom-target',
      plan: 'iran-plan',
      indicator: 'capacity_mw',
      region: 'qom',
      comparator: 'AT_LEAST',
      targetValue: 100,
      targetKind: 'LEVEL',
    };
    const query = `mutation ($input: CreatePlanTargetInput!) { createPlanTarget(input: $input) { ${OUTCOME} } }`;
    expect(await refused(query, target, await qomKey())).toMatchObject(
      regionRefusal(['input', 'plan']),
    );
  });
});

describe('input that reached D1’s own constraints', () => {
  it.each([
    ['status', null, 'required'],
    ['region', null, 'required'],
    ['nameFa', null, 'required'],
    ['slug', null, 'required'],
    ['nameFa', '  ', 'too_small'],
    ['slug', '', 'invalid_format'],
  ])('updateProject with %s = %j: a ValidationError at the field', async (field, value, code) => {
    const project = await seedProject();
    const input = { ...project, changes: { [field]: value } };
    const key = await issueKey({ scopes: ['write:projects'] });
    expect(await refused(UPDATE_PROJECT, input, key)).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'changes', field], code }],
    });
  });

  it('a parent loop is refused: the plant itself, its phase, a longer chain', async () => {
    const key = await issueKey({ scopes: ['write:energy'] });
    const headers = bearer(key);
    const asset = async (slug: string) =>
      (
        await gqlData<{ energyAsset: { id: string; version: number } }>(
          'query ($slug: String!) { energyAsset(slug: $slug) { id version } }',
          { slug },
        )
      ).energyAsset;
    const cycle = {
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'changes', 'parent'], code: 'cycle' }],
    };
    const plant = await asset('pak-bana-solar');
    for (const parent of ['pak-bana-solar', 'pak-bana-solar-phase-1']) {
      expect(await refused(UPDATE_ASSET, { ...plant, changes: { parent } }, key)).toMatchObject(
        cycle,
      );
    }
    // razzaq ← a ← b, then razzaq's parent b would close the loop
    const names = {
      nameFa: 'فاز',
      nameEn: 'Phase',
      technology: 'SOLAR_PV',
      status: 'PLANNED',
      region: 'qom',
    };
    await gqlData(
      CREATE_ASSET,
      { input: { slug: 'chain-a', parent: 'razzaq-solar', ...names } },
      headers,
    );
    await gqlData(
      CREATE_ASSET,
      { input: { slug: 'chain-b', parent: 'chain-a', ...names } },
      headers,
    );
    const razzaq = await asset('razzaq-solar');
    expect(
      await refused(UPDATE_ASSET, { ...razzaq, changes: { parent: 'chain-b' } }, key),
    ).toMatchObject(cycle);
    // a parent that makes no loop is still fine
    const moved = await gqlData<{ updateEnergyAsset: { version: number } }>(
      UPDATE_ASSET,
      { input: { ...(await asset('chain-b')), changes: { parent: 'razzaq-solar' } } },
      headers,
    );
    expect(moved.updateEnergyAsset).toMatchObject({ __typename: 'EnergyAsset', version: 2 });
  });
});
