/// <reference types="vite/client" />
// Every ```graphql example in README.md, taken from the README itself (a changed example is run as
// it now reads), against the seeded Qom data: no errors, and data in every list it asks for
// (no empty `nodes`, `edges` or lists, no `totalCount: 0`, no typed error result). A mutation example runs with a key that
// may make it, and the variables written under it as a `# { ... }` comment.
import { describe, expect, it } from 'vitest';
import readme from '../../README.md?raw';
import { gql } from '../helpers';
import { bearer, issueKey } from '../partner-keys';

interface Example {
  heading: string;
  query: string;
  variables: Record<string, unknown>;
}

/** The ```graphql blocks, each named by the README heading above it. */
function readmeExamples(text: string): Example[] {
  const examples: Example[] = [];
  let heading = '';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
    if (line.trim() !== '```graphql') continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]?.trim() !== '```'; i++) body.push(lines[i] ?? '');
    const comment = body.findLast((l) => l.startsWith('# {'));
    examples.push({
      heading: `${heading} #${examples.filter((e) => e.heading.startsWith(heading)).length + 1}`,
      query: body.filter((l) => !l.startsWith('#')).join('\n'),
      variables: comment ? JSON.parse(comment.slice(2)) : {},
    });
  }
  return examples;
}

/** Paths of empty lists, zero totals and typed errors (a `__typename` ending in Error) in a result. */
function emptyParts(value: unknown, path = 'data'): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [path];
    return value.flatMap((item, i) => emptyParts(item, `${path}.${i}`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      (key === 'totalCount' && item === 0) ||
      (key === '__typename' && typeof item === 'string' && item.endsWith('Error'))
        ? [`${path}.${key}`]
        : emptyParts(item, `${path}.${key}`),
    );
  }
  return [];
}

const examples = readmeExamples(readme);

describe('README examples', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples)('$heading returns data', async ({ query, variables }) => {
    // from one client address, as a client's request arrives (so rateLimit has a budget to report)
    const headers: Record<string, string> = { 'cf-connecting-ip': `203.0.113.${examples.length}` };
    if (/^\s*mutation\b/.test(query)) {
      Object.assign(headers, bearer(await issueKey({ scopes: ['admin'], regions: ['iran'] })));
    }
    const { status, body } = await gql(query, variables, headers);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data).toBeTruthy();
    for (const [field, value] of Object.entries(body.data ?? {})) {
      expect(value, field).not.toBeNull();
    }
    expect(emptyParts(body.data)).toEqual([]);
  });
});
