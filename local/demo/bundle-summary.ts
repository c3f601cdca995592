import { countByType } from '../../shared/stix/bundle';
import { OPENCTI_SCO_EXTENSION_ID } from '../../shared/stix/opencti-types';
import type { StixBundle, StixObject } from '../../shared/stix/types';

const nameOf = (o: StixObject | undefined, fallback: string): string => String(o?.value ?? o?.name ?? o?.number ?? fallback);

/** A readable summary of a result bundle: objects by type, the entity's score and labels, relationships. */
export function summarizeBundle(bundle: StixBundle): string[] {
  const [entity] = bundle.objects;
  const byId = new Map(bundle.objects.map((o) => [o.id, o]));
  const ext = (entity?.extensions as Record<string, Record<string, unknown>> | undefined)?.[OPENCTI_SCO_EXTENSION_ID];
  const score = entity?.x_opencti_score ?? ext?.score;
  const labels = [
    ...((entity?.x_opencti_labels as string[]) ?? []),
    ...((ext?.labels as string[]) ?? []),
    ...((entity?.labels as string[]) ?? []),
  ];
  const lines = [
    `objects: ${Object.entries(countByType(bundle.objects))
      .map(([t, n]) => `${n} ${t}`)
      .join(', ')}`,
    `score: ${score ?? '-'}   labels: ${labels.length ? [...new Set(labels)].join(', ') : '-'}`,
  ];
  const extra = Object.entries(entity ?? {}).filter(([k]) => k.startsWith('x_opencti_epss'));
  if (extra.length) lines.push(extra.map(([k, v]) => `${k.replace('x_opencti_', '')}: ${String(v)}`).join('   '));
  const relationships = bundle.objects.filter((o) => o.type === 'relationship');
  for (const r of relationships.slice(0, 8)) {
    lines.push(
      `  ${nameOf(byId.get(r.source_ref as string), String(r.source_ref))} --${r.relationship_type}--> ${nameOf(byId.get(r.target_ref as string), String(r.target_ref))}`,
    );
  }
  if (relationships.length > 8) lines.push(`  ... and ${relationships.length - 8} more relationships`);
  for (const s of bundle.objects.filter((o) => o.type === 'sighting').slice(0, 4)) {
    lines.push(`  sighted ${s.count ?? 1}x in ${(s.where_sighted_refs as string[]).map((id) => nameOf(byId.get(id), id)).join(', ')}`);
  }
  return lines;
}
