// What metering a GraphQL request costs in calls to the client's budget object: one before the
// operation (cost charged, rows budget read, earlier rows spent), one after it only when it read
// rows and no request of the client's came soon enough to carry them; and the one
// object still refuses a client over either budget.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, onTestFinished } from 'vitest';
import { spendRowsAfter } from '../../src/http/budget';
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

interface Body {
  errors?: { extensions?: { code?: string } }[];
  extensions?: {
    cost?: { d1RowsRead: number };
    queryCost?: { rowsBudget?: { used: number } };
  };
}

const request = (query: string, ip: string) =>
  new Request('http://ostan.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify({ query }),
  });

async function post(query: string, ip: string, vars: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  const response = await app.fetch(request(query, ip), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: response.status, body: (await response.json()) as Body };
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

  it('lets the client’s next request carry the rows read: one call per request', async () => {
    const budgets = recordedBudgets();
    const ip = address();
    const vars = { QUERY_BUDGET: budgets.namespace };
    const query = '{ projects(first: 2) { nodes { slug } } }';
    // the second request starts before the first one's rows are spent on their own: long enough
    // a wait that a loaded machine cannot make it otherwise
    const wait = spendRowsAfter.ms;
    spendRowsAfter.ms = 3000;
    onTestFinished(() => {
      spendRowsAfter.ms = wait;
    });
    const first = createExecutionContext();
    const one = await app.fetch(request(query, ip), { ...env, ...vars }, first);
    const read = ((await one.json()) as Body).extensions?.cost?.d1RowsRead ?? 0;
    const second = createExecutionContext();
    const two = (await (
      await app.fetch(request(query, ip), { ...env, ...vars }, second)
    ).json()) as Body;
    await waitOnExecutionContext(first);
    await waitOnExecutionContext(second);
    expect(read).toBeGreaterThan(0);
    // the first request's rows were spent by the second's metering call, before it ran
    expect(two.extensions?.queryCost?.rowsBudget?.used).toBe(
      read + (two.extensions?.cost?.d1RowsRead ?? 0),
    );
    expect(budgets.calls).toEqual(['meter', 'meter', 'spendRows']);
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
