/// <reference types="vite/client" />
// The example operations in schema/operations/ are the dashboard's contract: every file holds one
// named operation (named like the file), validates against the schema the code builds and the
// committed SDL, and answers with data, without errors, from the real Qom data.

import { exports } from 'cloudflare:workers';
import {
  buildSchema,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import exampleVariables from '../../schema/operations/examples.json';
import sdl from '../../schema/schema.graphql?raw';
import { schema } from '../../src/graphql/index';
import type { GraphQLResponse } from '../helpers';

const files = import.meta.glob<string>('../../schema/operations/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

interface Example {
  variables: Record<string, unknown>;
  /** Checks on the real data beyond "no errors, every root field non-null and non-empty". */
  check?: (data: Record<string, unknown>) => void;
}

type Nodes<T> = { totalCount: number; nodes: T[] };

/**
 * Example variables for every operation, run against the real migrations. A new operation file
 * needs an entry here (the test says so).
 */
const examples: Record<string, Example> = {
  ProvinceOverview: {
    variables: exampleVariables.ProvinceOverview,
    check: (data) => {
      const region = data.region as {
        isoCode: string;
        parent: { slug: string };
        children: Nodes<{ slug: string }>;
        plans: Nodes<{ slug: string; targets: { slug: string }[] }>;
        keyClaims: Nodes<{ slug: string }>;
      };
      expect(region.isoCode).toBe('IR-25');
      expect(region.parent.slug).toBe('iran');
      expect(region.children.nodes.map((child) => child.slug)).toContain('qom-county');
      const plan = region.plans.nodes.find((p) => p.slug === 'qom-four-year-plan');
      expect(plan?.targets.map((target) => target.slug)).toContain('revive-65-more-units');
      expect(region.keyClaims.nodes.length).toBeGreaterThan(0);
    },
  },
  ProjectsList: {
    variables: exampleVariables.ProjectsList,
    check: (data) => {
      const projects = data.projects as {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { nameEn: string; status: string } }[];
      };
      expect(projects.edges).toHaveLength(5);
      expect(projects.totalCount).toBeGreaterThan(5);
      expect(projects.pageInfo.hasNextPage).toBe(true);
      expect(projects.pageInfo.endCursor).toEqual(expect.any(String));
      const names = projects.edges.map((edge) => edge.node.nameEn);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
      for (const { node } of projects.edges) {
        expect(['OPERATIONAL', 'UNDER_CONSTRUCTION']).toContain(node.status);
      }
    },
  },
  EnergyByTechnologyAndStatus: {
    variables: exampleVariables.EnergyByTechnologyAndStatus,
    check: (data) => {
      const groups = data.energyTotals as {
        technology: string;
        status: string;
        rating: string;
        count: number;
        capacityMw: { sum: number | null };
      }[];
      const solarOperating = groups.find(
        (g) => g.technology === 'SOLAR_PV' && g.status === 'OPERATIONAL',
      );
      expect(solarOperating).toMatchObject({ rating: 'UNKNOWN', count: 6 });
      expect(solarOperating?.capacityMw.sum).toBeCloseTo(25.1, 9);
      expect(groups).toContainEqual(
        expect.objectContaining({ technology: 'COMBINED_CYCLE', status: 'PLANNED', count: 1 }),
      );
    },
  },
  PlanTargetsWithProgress: {
    variables: exampleVariables.PlanTargetsWithProgress,
    check: (data) => {
      const plan = data.plan as {
        targets: { slug: string; targetValue: number; progress: unknown }[];
      };
      expect(plan.targets.length).toBeGreaterThan(0);
      expect(plan.targets).toContainEqual(
        expect.objectContaining({ slug: 'revive-65-more-units', targetValue: 65, progress: null }),
      );
    },
  },
  ClaimsWithSources: {
    variables: exampleVariables.ClaimsWithSources,
    check: (data) => {
      const claims = data.claims as Nodes<{
        indicator: { slug: string };
        source: { publisher: string };
      }>;
      expect(claims.nodes.length).toBeGreaterThan(0);
      for (const claim of claims.nodes) {
        expect(claim.indicator.slug).toBe('jobs_created');
        expect(claim.source.publisher).toEqual(expect.any(String));
      }
    },
  },
  SolarCapacityClaims: {
    variables: exampleVariables.SolarCapacityClaims,
    check: (data) => {
      const region = data.region as {
        claims: Nodes<{
          slug: string;
          value: number;
          preferred: boolean;
          preferredReason: string | null;
        }>;
        energyAssets: Nodes<{ slug: string; capacityMw: number | null }>;
      };
      // the seed report's 565 MW "in use" next to the 45 MW and 49 MW later reports give
      expect(region.claims.nodes.map(({ slug, value }) => [slug, value])).toEqual([
        ['c006', 565],
        ['c013', 565],
        ['c066', 45],
        ['c093', 49],
      ]);
      // no claim stands for the stock in operation (c006, c013); each flow stands alone as its own
      const preferred = region.claims.nodes.filter((claim) => claim.preferred);
      expect(preferred.map((claim) => claim.slug)).toEqual(['c066', 'c093']);
      expect(preferred[1]?.preferredReason).toContain('not the capacity in operation');
      expect(region.energyAssets.totalCount).toBe(6);
      const total = region.energyAssets.nodes.reduce((sum, a) => sum + (a.capacityMw ?? 0), 0);
      expect(total).toBeCloseTo(25.1, 6);
    },
  },
  Search: {
    variables: exampleVariables.Search,
    check: (data) => {
      const page = data.searchConnection as Nodes<{
        kind: string;
        rank: number;
        node: { __typename: string };
      }>;
      const hits = page.nodes;
      expect(hits.length).toBeGreaterThan(0);
      expect(page.totalCount).toBeGreaterThanOrEqual(hits.length);
      expect(hits.length).toBeLessThanOrEqual(10);
      const ranks = hits.map((hit) => hit.rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(hits.map((hit) => hit.node.__typename)).toContain('EnergyAsset');
    },
  },
};

interface OperationFile {
  file: string;
  source: string;
  document: DocumentNode;
  operations: OperationDefinitionNode[];
}

const operationFiles: OperationFile[] = Object.entries(files)
  .map(([path, source]) => {
    const file = path.split('/').pop() as string;
    const document = parse(source);
    const operations = document.definitions.filter(
      (definition): definition is OperationDefinitionNode =>
        definition.kind === Kind.OPERATION_DEFINITION,
    );
    return { file, source, document, operations };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

const committedSchema = buildSchema(sdl);

/** Posts an operation as a generated client would: the document, its name and its variables. */
async function post(query: string, operationName: string, variables: Record<string, unknown>) {
  const response = await exports.default.fetch('http://ostan.test/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
    },
    body: JSON.stringify({ query, operationName, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

function validationErrors(target: GraphQLSchema, document: DocumentNode): string[] {
  return validate(target, document).map((error) => {
    const at = error.locations?.map(({ line, column }) => `${line}:${column}`).join(', ');
    return `${error.message}${at ? ` (at ${at})` : ''}`;
  });
}

/** A root field's value is there and, for a connection or list, not empty. */
function expectNonEmpty(field: string, value: unknown): void {
  expect(value, `${field} is null`).not.toBeNull();
  expect(value, `${field} is missing`).toBeDefined();
  if (Array.isArray(value)) expect(value.length, `${field} is empty`).toBeGreaterThan(0);
  if (value && typeof value === 'object' && 'totalCount' in value) {
    expect(value.totalCount, `${field} has no items`).toBeGreaterThan(0);
  }
}

it('finds the operation files', () => {
  expect(operationFiles.map(({ file }) => file)).toEqual(
    expect.arrayContaining([
      'ClaimsWithSources.graphql',
      'EnergyByTechnologyAndStatus.graphql',
      'PlanTargetsWithProgress.graphql',
      'ProjectsList.graphql',
      'ProvinceOverview.graphql',
      'SolarCapacityClaims.graphql',
    ]),
  );
});

it('has an operation file for every example (no stale examples)', () => {
  const names = operationFiles.map(({ file }) => file.replace(/\.graphql$/, ''));
  expect(Object.keys(examples).filter((name) => !names.includes(name))).toEqual([]);
});

it('has unique operation and fragment names across all files (codegen needs them unique)', () => {
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const { file, document } of operationFiles) {
    for (const definition of document.definitions) {
      if (
        definition.kind !== Kind.OPERATION_DEFINITION &&
        definition.kind !== Kind.FRAGMENT_DEFINITION
      ) {
        continue;
      }
      const name = definition.name?.value;
      if (!name) continue;
      const previous = seen.get(name);
      if (previous) duplicates.push(`${name} in ${previous} and ${file}`);
      seen.set(name, file);
    }
  }
  expect(duplicates).toEqual([]);
});

describe.each(operationFiles)('$file', ({ file, source, document, operations }) => {
  const name = file.replace(/\.graphql$/, '');

  it('holds exactly one operation, a query named like the file', () => {
    expect(operations.map((operation) => operation.name?.value)).toEqual([name]);
    expect(operations[0]?.operation).toBe('query');
    const others = document.definitions.filter(
      (definition) =>
        definition.kind !== Kind.OPERATION_DEFINITION &&
        definition.kind !== Kind.FRAGMENT_DEFINITION,
    );
    expect(others).toEqual([]);
  });

  it('validates against the schema the code builds', () => {
    expect(validationErrors(schema, document)).toEqual([]);
  });

  it('validates against the committed SDL (schema/schema.graphql)', () => {
    expect(validationErrors(committedSchema, document)).toEqual([]);
  });

  it('runs through the worker with its example variables, without errors, with data', async () => {
    const example = examples[name];
    if (!example) throw new Error(`add example variables for ${name} to \`examples\``);
    const response = await post(source, name, example.variables);
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    const data = response.body.data as Record<string, unknown>;
    expect(data).toBeTruthy();
    for (const selection of operations[0]?.selectionSet.selections ?? []) {
      if (selection.kind !== Kind.FIELD) continue;
      const key = selection.alias?.value ?? selection.name.value;
      expectNonEmpty(key, data[key]);
    }
    example.check?.(data);
  });
});
