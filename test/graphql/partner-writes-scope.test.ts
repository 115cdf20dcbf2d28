/**
 * Region scope over every reference, enumerated from the schema: for each mutation input field
 * that names another row (a declared reference, or the id of the row written), a Qom key naming a
 * row in Iran is refused with ForbiddenError REGION at that field, and D1 is byte-identical after.
 * A mutation or reference added later is covered without editing this file; a field that does not
 * say what it sets fails the classification test.
 */
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../src/db/entities';
import type { EntityKind } from '../../src/db/entity';
import { gql } from '../helpers';
import { bearer, checksums, issueKey } from '../partner-keys';
import {
  documentOf,
  inputWith,
  KEY_REGION,
  type Leaf,
  leavesOf,
  namedKinds,
  otherRow,
  reference,
  writeMutations,
} from './partner-writes-schema';

const WRITE_SCOPES = ['write:projects', 'write:energy', 'write:claims', 'write:plans'] as const;

const mutations = writeMutations();
const leaves = mutations.flatMap(leavesOf);

/** Field names that name another row in some entity: a write input field so named must be one. */
const REFERENCE_NAMES = new Set(Object.values(ENTITIES).flatMap((e) => Object.keys(e.references)));

describe('every write input field says what it sets', () => {
  it('each mutation names its kind, and each field its role', () => {
    expect(mutations.length).toBeGreaterThanOrEqual(19);
    const unclassified = leaves.filter(
      (leaf) => !leaf.role && leaf.type.constructor.name !== 'GraphQLInputObjectType',
    );
    expect(unclassified.map((leaf) => `${leaf.mutation.name}: ${leaf.path.join('.')}`)).toEqual([]);
  });

  /** Fields whose names look like references but name no row, each with the reason. */
  const NOT_REFERENCES: Record<string, string> = {
    // a comparison group lies within the claim's subject: the subject's region covers it
    comparisonKey: 'the group key within a subject',
    // supersedeClaim's new claim: a container whose own fields are each checked
    claim: 'the new claim',
  };

  it('a field named like a reference, or an id or slug of another row, is a declared one', () => {
    const suspicious = leaves.filter((leaf) => {
      const name = leaf.field.name;
      const looksLikeReference =
        REFERENCE_NAMES.has(name) || /(Id|Ids|Slug|Slugs|Group|Key)$/.test(name);
      return looksLikeReference && namedKinds(leaf).length === 0 && !(name in NOT_REFERENCES);
    });
    expect(suspicious.map((leaf) => `${leaf.mutation.name}: ${leaf.path.join('.')}`)).toEqual([]);
  });
});

/** A field naming rows of a kind that lies in regions (a field inside such a field is covered by it). */
interface Case {
  name: string;
  leaf: Leaf;
  kind: EntityKind;
}

const referenceLeaves = leaves.filter((leaf) => namedKinds(leaf).length > 0);
const cases: Case[] = referenceLeaves
  .filter(
    (leaf) =>
      !referenceLeaves.some(
        (outer) =>
          outer !== leaf &&
          outer.mutation === leaf.mutation &&
          leaf.path.join('.').startsWith(`${outer.path.join('.')}.`),
      ),
  )
  .flatMap((leaf) =>
    namedKinds(leaf)
      .filter((kind) => ENTITIES[kind].region !== null)
      .map((kind) => ({
        name: `${leaf.mutation.name} ${leaf.path.join('.')} → ${kind}`,
        leaf,
        kind,
      })),
  );

describe('a key scoped to one region, naming a row of another', () => {
  it('finds the references the issue names', () => {
    const names = cases.map((c) => c.name);
    for (const expected of [
      'recordClaim input.subject → project',
      'recordClaim input.subject → region',
      'createEnergyAsset input.parent → energy_asset',
      'createPlanTarget input.plan → plan',
      'markClaimPreferred input.id → claim',
      'updateEnergyAsset input.changes.parent → energy_asset',
      'importClaims input.rows.0.subject → plan',
      'supersedeClaim input.claim.subject → energy_asset',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(cases)(
    '$name: ForbiddenError REGION at the field, D1 unchanged',
    async ({ leaf, kind }) => {
      const key = await issueKey({ scopes: [...WRITE_SCOPES], regions: [KEY_REGION] });
      const elsewhere = await otherRow(kind);
      const input = await inputWith(leaf, reference(leaf, kind, elsewhere));
      const before = await checksums();
      const { status, body } = await gql<Record<string, Record<string, unknown>>>(
        documentOf(leaf.mutation),
        { input },
        bearer(key),
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.[leaf.mutation.name]).toMatchObject({
        __typename: 'ForbiddenError',
        reason: 'REGION',
        path: leaf.path,
      });
      expect(await checksums()).toEqual(before);
    },
  );
});
