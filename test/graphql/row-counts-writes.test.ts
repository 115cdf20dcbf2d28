// The statistics the cost model prices totals by follow every partner write (the write engine).
import { describe, expect, it } from 'vitest';
import { gqlData } from '../helpers';
import { bearer } from '../partner-keys';
import { countsAndTruth } from '../row-counts';
import { CREATE_PROJECT, newProject, projectsKey } from './partner-writes-helpers';

describe('row_counts through the write engine', () => {
  it('counts a project a partner creates, and forgets it when deleted', async () => {
    const headers = bearer(await projectsKey());
    const before = await countsAndTruth();
    const created = await gqlData<{ createProject: { id: string; version: number } }>(
      CREATE_PROJECT,
      { input: newProject() },
      headers,
    );
    const after = await countsAndTruth();
    expect(after.kept).toEqual(after.truth);
    expect(after.kept).not.toEqual(before.kept);

    const { id, version } = created.createProject;
    await gqlData(
      'mutation ($input: DeleteInput!) { deleteProject(input: $input) { __typename } }',
      { input: { id, version } },
      headers,
    );
    const deleted = await countsAndTruth();
    expect(deleted.kept).toEqual(deleted.truth);
    expect(deleted.kept).toEqual(before.kept);
  });
});
