// The GraphQL-over-HTTP spec audits of graphql-http, one test each, against the worker's own
// fetch (POST and GET, content types, status codes, application/graphql-response+json).
import { exports } from 'cloudflare:workers';
import { type AuditResult, serverAudits } from 'graphql-http';
import { expect, it } from 'vitest';

/**
 * Audits allowed to end in 'warn' (a SHOULD) or 'notice' (a MAY) the server knowingly does not
 * follow, by audit id, with the reason. Empty: every audit passes today. An 'error' (a MUST)
 * always fails, allow-listed or not.
 */
const ALLOWED_WARNINGS: Record<string, string> = {};

const audits = serverAudits({
  url: 'http://ostan.test/graphql',
  fetchFn: (input: RequestInfo | URL, init?: RequestInit) => exports.default.fetch(input, init),
});

/** The reason and, where there is one, the response the audit judged. */
async function describeFailure(result: AuditResult): Promise<string> {
  if (result.status === 'ok') return '';
  const { response } = result;
  let body = '';
  try {
    body = await response.clone().text();
  } catch {
    // the body was read by the audit already
  }
  return `${result.status}: ${result.reason}\n  response: ${response.status} ${response.headers.get('content-type')}\n  ${body.slice(0, 500)}`;
}

it('runs the full audit list', () => {
  expect(audits.length).toBeGreaterThan(50);
});

it.each(audits.map((audit) => [`${audit.id} ${audit.name}`, audit] as const))(
  '%s',
  async (_, audit) => {
    const result = await audit.fn();
    if (result.status === 'ok') return;
    const failure = await describeFailure(result);
    if (result.status !== 'error' && audit.id in ALLOWED_WARNINGS) {
      console.warn(`allowed warning ${audit.id} (${ALLOWED_WARNINGS[audit.id]}): ${failure}`);
      return;
    }
    expect.fail(`${audit.id} ${audit.name}\n${failure}`);
  },
);

it('allows only warnings that still happen', async () => {
  // a stale allow-list entry hides nothing, but should be removed once the audit passes
  for (const id of Object.keys(ALLOWED_WARNINGS)) {
    const audit = audits.find((candidate) => candidate.id === id);
    expect(audit, `unknown audit id ${id} in ALLOWED_WARNINGS`).toBeDefined();
    const status = (await audit?.fn())?.status;
    expect(status, `${id} passes now: remove it from ALLOWED_WARNINGS`).not.toBe('ok');
  }
});
