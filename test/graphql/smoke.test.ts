import { describe, expect, it } from 'vitest';
import { gql } from '../helpers';

describe('smoke', () => {
  it('answers a region by slug', async () => {
    const { body } = await gql(
      '{ region(slug: "qom") { slug nameEn nameFa isoCode parent { slug } } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      region: {
        slug: 'qom',
        nameEn: expect.any(String),
        nameFa: expect.any(String),
        isoCode: 'IR-25',
        parent: { slug: 'iran' },
      },
    });
  });
});
