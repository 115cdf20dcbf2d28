// What metering a GraphQL request costs in calls to the client's budget object: one before the
// operation (cost charged, rows budget read), one after it only when it read rows; and the one
// object still refuses a client over either budget.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import app from '../../src/index';

const address = () => `192.0.2.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;

/** The real budget namespace, with every object it hands out and every method called recorded. */
function recordedBudgets() {
  const objects: string[] = [];
  const calls: string[] = [];
  const namespace = env.QUERY_BUDGET;
  const recorded = {
    idFromName: (name: string) => {
      objects.push(name);
      return namespace.idFromName(name);
    },
    get: (id: DurableObjectId) => {
      const stub = namespace.get(id);
      // every property of an RPC stub is callable: record the methods the worker calls
      const methods = stub as unknown as Record<string, (...args: unknown[]) => unknown>;
      return new Proxy(
        {},
        {
          get: (_target, property: string) => {
            return (...args: unknown[]) => {
              calls.push(property);
              return methods[property]?.(...args);
            };
          },
        },
      );
    },
  };
  return { namespace: recorded, objects, calls };
}

async function post(query: string, ip: string, vars: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  const request = new Request('http://ostan.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify({ query }),
  });
  const response = await app.fetch(request, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return {
    status: response.status,
    body: (await response.json()) as {
      errors?: { extensions?: { code?: string } }[];
      extensions?: { cost?: { d1RowsRead: number } };
    },
  };
}

describe('metering a GraphQL request', () => {
  it('calls the client’s budget object once before the operation and once after it', async () => {
    const budgets = recordedBudgets();
    const ip = address();
    const { status, body } = await post('{ projects(first: 2) { nodes { slug } } }', ip, {
      QUERY_BUDGET: budgets.namespace,
    });
    expect(status).toBe(200);
    expect(body.extensions?.cost?.d1RowsRead).toBeGreaterThan(0);
    expect(budgets.calls).toEqual(['meter', 'spendRows']);
    // one object for the client: cost points and rows together
    expect(new Set(budgets.objects).size).toBe(1);
  });

  it('spends nothing after an operation that read no rows', async () => {
    const budgets = recordedBudgets();
    const { status } = await post('{ __typename }', address(), {
      QUERY_BUDGET: budgets.namespace,
    });
    expect(status).toBe(200);
    expect(budgets.calls).toEqual(['meter']);
  });

  it('refuses a client over its cost budget, and then over its rows budget', async () => {
    const ip = address();
    const cost = { BUDGET_ANONYMOUS: '2' };
    expect((await post('{ __typename }', ip, cost)).status).toBe(200);
    expect((await post('{ __typename }', ip, cost)).status).toBe(200);
    const refused = await post('{ __typename }', ip, cost);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BUDGET_EXHAUSTED');

    const other = address();
    const rows = { ROWS_BUDGET_ANONYMOUS: '1' };
    expect((await post('{ projects(first: 2) { nodes { slug } } }', other, rows)).status).toBe(200);
    const after = await post('{ __typename }', other, rows);
    expect(after.status).toBe(429);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('ROWS_BUDGET_EXHAUSTED');
  });
});
