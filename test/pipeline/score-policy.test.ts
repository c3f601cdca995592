import { assembleBundle, type ScorePolicy } from '../../shared/pipeline';
import {
  authorIdentity,
  indicator,
  ipv4Addr,
  noteId,
  OPENCTI_EXTENSION_ID,
  OPENCTI_SCO_EXTENSION_ID,
  tlpMarking,
  updateEntity,
  type StixObject,
} from '../../shared/stix';
import { hasSharedReference } from '../helpers/shared-reference';
import { expectValidStix } from '../helpers/stix-schema';

const NOW = '2026-03-04T05:06:07.000Z';
const LATER = '2026-04-01T00:00:00.000Z';
const author = authorIdentity('Fake Intel');
const keepHigher: ScorePolicy = { replaceWithLowerScore: false, variable: 'FAKE_INTEL_REPLACE_WITH_LOWER_SCORE' };
const replace: ScorePolicy = { ...keepHigher, replaceWithLowerScore: true };
const green = tlpMarking('TLP:GREEN').id;

/** An address as the platform sends it: its score and labels in OpenCTI's SCO extension. */
function addressScored(score?: number): StixObject {
  return {
    ...ipv4Addr('203.0.113.7'),
    object_marking_refs: [green],
    extensions: {
      [OPENCTI_EXTENSION_ID]: { extension_type: 'property-extension', id: 'internal-1', type: 'IPv4-Addr' },
      [OPENCTI_SCO_EXTENSION_ID]: { extension_type: 'property-extension', labels: ['scanner'], ...(score === undefined ? {} : { score }) },
    },
  };
}

/** The bundle the pipeline builds when the service gives the entity `serviceScore`. */
function enrich(entity: StixObject, serviceScore: number, scorePolicy: ScorePolicy, now = NOW) {
  const objects = [updateEntity(entity, { score: serviceScore, labels: ['fake-intel'] })];
  const bundle = assembleBundle({ entity, author, objects, now, scorePolicy });
  if (hasSharedReference()) expectValidStix(bundle);
  const [first, , ...added] = bundle.objects;
  const sco = (first?.extensions as Record<string, Record<string, unknown>>)[OPENCTI_SCO_EXTENSION_ID];
  return { score: sco?.score, labels: sco?.labels, notes: added.filter((o) => o.type === 'note') };
}

describe('score policy', () => {
  it('keeps a higher score the entity has, and records the service score in a note', () => {
    const entity = addressScored(80);
    const { score, labels, notes } = enrich(entity, 40, keepHigher);
    expect(score).toBe(80);
    // Everything else the service wrote still applies.
    expect(labels).toEqual(['fake-intel', 'scanner']);
    expect(notes).toEqual([
      expect.objectContaining({
        abstract: 'Fake Intel score: 40',
        content:
          'Fake Intel score of IPv4-Addr 203.0.113.7: 40. Not applied: the entity has a higher score, and Fake Intel ' +
          'lowers a score only with FAKE_INTEL_REPLACE_WITH_LOWER_SCORE=true.',
        object_refs: [entity.id],
        created_by_ref: author.id,
        object_marking_refs: [green],
        created: NOW,
      }),
    ]);
  });

  it('gives the note an id from its content, so enriching again upserts the same note', () => {
    const first = enrich(addressScored(80), 40, keepHigher).notes[0];
    const again = enrich(addressScored(90), 40, keepHigher, LATER).notes[0];
    expect(again?.id).toBe(first?.id);
    expect(first?.id).toBe(noteId(String(first?.content)));
    expect(enrich(addressScored(80), 41, keepHigher).notes[0]?.id).not.toBe(first?.id);
  });

  it('applies a higher score', () => {
    expect(enrich(addressScored(40), 80, keepHigher)).toMatchObject({ score: 80, notes: [] });
  });

  it('applies an equal score without a note', () => {
    expect(enrich(addressScored(60), 60, keepHigher)).toMatchObject({ score: 60, notes: [] });
  });

  it('applies any score to an entity that has none', () => {
    expect(enrich(addressScored(), 30, keepHigher)).toMatchObject({ score: 30, notes: [] });
  });

  it('lowers the score when <SERVICE>_REPLACE_WITH_LOWER_SCORE is true', () => {
    expect(enrich(addressScored(80), 40, replace)).toMatchObject({ score: 40, notes: [] });
  });

  it('reads the score at the top level when the entity has no extension', () => {
    const entity = ipv4Addr('203.0.113.8', { score: 75 });
    const bundle = assembleBundle({ entity, author, objects: [updateEntity(entity, { score: 10 })], now: NOW, scorePolicy: keepHigher });
    expect(bundle.objects[0]).toMatchObject({ x_opencti_score: 75 });
    expect(bundle.objects.filter((o) => o.type === 'note')).toHaveLength(1);
  });

  it("reads the score in OpenCTI's generic extension of a domain object, and adds none where it had none", () => {
    const base = indicator(
      { pattern: "[ipv4-addr:value = '203.0.113.9']", name: '203.0.113.9', validFrom: NOW, mainObservableType: 'IPv4-Addr' },
      NOW,
    );
    const entity = { ...base, extensions: { [OPENCTI_EXTENSION_ID]: { extension_type: 'property-extension', score: 100 } } };
    const bundle = assembleBundle({ entity, author, objects: [updateEntity(entity, { score: 6 })], now: NOW, scorePolicy: keepHigher });
    expect(bundle.objects[0]).not.toHaveProperty('x_opencti_score');
    expect(bundle.objects[0]?.extensions).toEqual(entity.extensions);
    expect(bundle.objects.find((o) => o.type === 'note')).toMatchObject({ abstract: 'Fake Intel score: 6' });
  });

  it('leaves alone an entity the service gives no score', () => {
    const entity = addressScored(80);
    const objects = [updateEntity(entity, { labels: ['fake-intel'] })];
    const bundle = assembleBundle({ entity, author, objects, now: NOW, scorePolicy: keepHigher });
    expect(bundle.objects.filter((o) => o.type === 'note')).toEqual([]);
    expect((bundle.objects[0]?.extensions as Record<string, Record<string, unknown>>)[OPENCTI_SCO_EXTENSION_ID]?.score).toBe(80);
  });
});
