/**
 * Corrections of claims, which are never edited in place: a partner withdraws a claim (with a
 * reason) or supersedes it with a new claim that points at it. The old claim stays readable with
 * its status, the reason, the key that changed it and when; it stops being preferred, and its
 * comparison group's preferred claim is chosen again.
 */

import { regionWithin } from '../api-keys';
import { WRITE } from '../client';
import { ENTITIES } from '../entities';
import type { WriteBatch } from './batch';
import { type ClaimInput, recordClaims, standingClaim } from './claims';
import { currentRow } from './engine';
import type { PartnerWriter, Target } from './operations';
import type { SnakeRow } from './rows-json';

/** The columns a correction sets on the claim it ends. */
function ended(writer: PartnerWriter, status: 'withdrawn' | 'superseded', reason: string) {
  return {
    status,
    status_reason: reason,
    status_key_id: writer.keyId,
    status_at: new Date().toISOString(),
    preferred: 0,
    preferred_reason: null,
  };
}

/**
 * Makes the newest standing claim of `old`'s comparison group (newest as-of date, then newest
 * record) its preferred claim, among the claims the key may write; the group keeps no preferred
 * claim when there is none.
 */
async function preferAnother(
  writer: PartnerWriter,
  batch: WriteBatch,
  old: SnakeRow,
  because: string,
) {
  const candidates = await writer.db.all<{ id: number; regionId: number }>(
    `SELECT c.id, c.region_id AS regionId FROM claims c
     WHERE c.indicator_id = ? AND c.subject_kind = ? AND c.subject_id = ? AND c.comparison_key = ?
       AND c.id <> ? AND c.status = 'active'
     ORDER BY c.as_of IS NULL, c.as_of DESC, c.id DESC`,
    [old.indicator_id, old.subject_kind, old.subject_id, old.comparison_key, old.id].map(
      (v) => v ?? null,
    ),
    WRITE,
  );
  for (const candidate of candidates) {
    if (!(await regionWithin(writer.db, candidate.regionId, writer.regionIds))) continue;
    const current = await currentRow(writer.db, 'claim', candidate.id);
    if (!current) continue;
    const set = { preferred: 1, preferred_reason: because };
    batch
      .guardVersion('claim', candidate.id, current.row.version as number)
      .update('claim', candidate.id, set, current.json, { ...current.row, ...set });
    return;
  }
}

/** Whether the new claim's comparison group (indicator, subject, comparison key) is `old`'s. */
async function sameGroup(writer: PartnerWriter, old: SnakeRow, claim: ClaimInput) {
  if (claim.subject.kind !== old.subject_kind) return false;
  if ((claim.comparisonKey ?? claim.slug) !== old.comparison_key) return false;
  const found = await writer.db.first<{ same: number }>(
    `SELECT (SELECT slug FROM indicators WHERE id = ?) = ?
       AND (SELECT id FROM ${ENTITIES[claim.subject.kind].table} WHERE slug = ?) = ? AS same`,
    [old.indicator_id ?? null, claim.indicator, claim.subject.slug, old.subject_id ?? null],
    WRITE,
  );
  return found?.same === 1;
}

/** Withdraws a standing claim with the reason; another claim of its group may become preferred. */
export async function withdrawClaim(
  writer: PartnerWriter,
  batch: WriteBatch,
  target: Target,
  reason: string,
): Promise<number> {
  const { id, version } = target;
  const current = await standingClaim(writer, target);
  const set = ended(writer, 'withdrawn', reason);
  batch
    .guardVersion('claim', id, version)
    .update('claim', id, set, current.json, { ...current.row, ...set });
  if (current.row.preferred === 1) {
    await preferAnother(writer, batch, current.row, `Claim ${current.row.slug} was withdrawn.`);
  }
  return id;
}

/**
 * Supersedes a standing claim with a new one that points at it. The new claim takes the old one's
 * preference when it is in the same comparison group; otherwise the old group chooses again.
 * Returns the new claim's id.
 */
export async function supersedeClaim(
  writer: PartnerWriter,
  batch: WriteBatch,
  target: Target,
  reason: string,
  claim: ClaimInput,
  claimPath: string[],
): Promise<number> {
  const { id, version } = target;
  const current = await standingClaim(writer, target);
  const old = current.row;
  // the old claim leaves its group's preference first: a group has one preferred claim at a time
  const set = ended(writer, 'superseded', reason);
  batch
    .guardVersion('claim', id, version)
    .update('claim', id, set, current.json, { ...old, ...set });
  const [newId] = await recordClaims(writer, batch, [claim], () => claimPath, {
    id,
    slug: String(old.slug),
  });
  if (old.preferred === 1 && !(await sameGroup(writer, old, claim))) {
    await preferAnother(writer, batch, old, `Claim ${old.slug} was superseded.`);
  }
  return newId as number;
}
