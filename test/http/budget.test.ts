// The budget object (src/http/budget.ts): one Durable Object per client holds its cost and rows
// windows. A charge refuses points that do not fit and reports the rows budget; rows spent after
// a request count against the rows window only, carried by the client's next charge from the
// isolate or spent on their own soon after; changed windows are written by one alarm, not by
// every charge, and a restarted object carries on from what was written; a cost window stored by
// the object of earlier releases (key 'window') is carried on.
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  chargeBudget,
  FLUSH_AFTER_MS,
  type QueryBudget,
  SPEND_AFTER_MS,
  spendRows,
} from '../../src/http/budget';

const LIMITS = { cost: 100, rows: 1_000, windowSeconds: 3_600 };

describe('budget object', () => {
  it('charges cost points and spends rows in their own windows of one object', async () => {
    const key = `test:${crypto.randomUUID()}`;
    const first = await chargeBudget(env, key, 60, LIMITS);
    expect(first.cost).toMatchObject({ allowed: true, used: 60, remaining: 40 });
    expect(first.rows).toMatchObject({ used: 0, remaining: 1_000 });

    // the rows wait in the isolate: the next charge carries them
    void spendRows(env, key, 700, LIMITS);
    const second = await chargeBudget(env, key, 60, LIMITS);
    // 60 more points do not fit: nothing is charged
    expect(second.cost).toMatchObject({ allowed: false, used: 60, remaining: 40 });
    expect(second.rows).toMatchObject({ used: 700, remaining: 300 });
  });

  it('writes changed windows once, from an alarm, and a restarted object carries on from them', async () => {
    const key = `test:${crypto.randomUUID()}`;
    const stub = env.QUERY_BUDGET.get(env.QUERY_BUDGET.idFromName(key));
    for (let i = 0; i < 3; i += 1) await chargeBudget(env, key, 10, LIMITS);
    // no charge comes: the rows are spent on their own once SPEND_AFTER_MS has passed
    await spendRows(env, key, 200, LIMITS);
    // three charges and a spend: nothing written yet, one write due within FLUSH_AFTER_MS
    const before = await runInDurableObject(stub, async (_instance: QueryBudget, state) => ({
      stored: await state.storage.get(['cost', 'rows']),
      alarm: await state.storage.getAlarm(),
    }));
    expect(before.stored.size).toBe(0);
    expect(before.alarm).toBeGreaterThan(Date.now() - 1_000);
    expect(before.alarm).toBeLessThanOrEqual(Date.now() + FLUSH_AFTER_MS);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const stored = await runInDurableObject(stub, (_instance: QueryBudget, state) =>
      state.storage.get<{ used: number }>(['cost', 'rows']),
    );
    expect(stored.get('cost')?.used).toBe(30);
    expect(stored.get('rows')?.used).toBe(200);

    await runInDurableObject(stub, (_instance: QueryBudget, state) => {
      state.abort('restart');
    }).catch(() => {});
    const charge = await chargeBudget(env, key, 10, LIMITS);
    expect(charge.cost).toMatchObject({ allowed: true, used: 40 });
    expect(charge.rows).toMatchObject({ used: 200 });
  });

  it('spends rows with the next charge from the isolate, or on their own, exactly once', async () => {
    const key = `test:${crypto.randomUUID()}`;
    const stub = env.QUERY_BUDGET.get(env.QUERY_BUDGET.idFromName(key));
    // what the object holds, read inside it (a charge of 0 from the isolate would carry rows)
    const spendsOf = () =>
      runInDurableObject(stub, (instance: QueryBudget) => instance.charge(0, LIMITS));
    // the calls made to budget objects, counted through the namespace the isolate is handed
    let calls = 0;
    const namespace = env.QUERY_BUDGET;
    const counted = {
      ...env,
      QUERY_BUDGET: {
        idFromName: (name: string) => namespace.idFromName(name),
        get: (id: DurableObjectId) => {
          calls += 1;
          return namespace.get(id);
        },
      } as unknown as typeof namespace,
    };
    // two requests' rows, then a charge: one call carries both, the later spends find nothing left
    const first = spendRows(counted, key, 30, LIMITS);
    const second = spendRows(counted, key, 12, LIMITS);
    expect((await chargeBudget(counted, key, 1, LIMITS)).rows.used).toBe(42);
    await Promise.all([first, second]);
    expect(calls).toBe(1);
    expect((await spendsOf()).rows.used).toBe(42);
    // rows no charge carries are spent on their own, by one call SPEND_AFTER_MS later
    const started = Date.now();
    await spendRows(counted, key, 8, LIMITS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SPEND_AFTER_MS - 1);
    expect(calls).toBe(2);
    expect((await spendsOf()).rows.used).toBe(50);
    expect((await chargeBudget(counted, key, 0, LIMITS)).rows.used).toBe(50);
  });

  it('carries on a cost window stored under the old key', async () => {
    const key = `test:${crypto.randomUUID()}`;
    const stub = env.QUERY_BUDGET.get(env.QUERY_BUDGET.idFromName(key));
    await runInDurableObject(stub, (_instance: QueryBudget, state) =>
      state.storage.put('window', { start: Date.now(), used: 90 }),
    );
    // reset the object, as a deploy does: the next call starts an instance that reads storage
    await runInDurableObject(stub, (_instance: QueryBudget, state) => {
      state.abort('restart');
    }).catch(() => {});
    const charge = await chargeBudget(env, key, 20, LIMITS);
    expect(charge.cost).toMatchObject({ allowed: false, used: 90, remaining: 10 });
  });
});
