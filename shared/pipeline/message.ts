import * as z from 'zod';
import type { PlaybookContext } from '../opencti/types';
import type { StixBundle, StixObject } from '../stix/types';
import { MalformedMessageError } from './errors';
import { printable } from './printable';

/** An OpenCTI enrichment request, whatever platform version or playbook sent it. */
export interface EnrichmentMessage {
  workId: string | null;
  applicantId: string | null;
  draftId: string | null;
  entityId: string;
  /** OpenCTI type from the message (6.0+); absent in 5.x and playbook messages. */
  entityType?: string;
  /** The entity's STIX form when the message carries it (6.8.9+). */
  stixEntity?: StixObject;
  trigger?: 'create' | 'update';
  mode?: 'auto' | 'manual';
  /** Present for a playbook step: its context and the bundle in flight. */
  playbook?: { context: PlaybookContext; bundle: StixBundle };
}

const MARKING_REFS = 'must be a list of marking ids';
/** A STIX object; `object_marking_refs` of another shape would leave the TLP check blind, so it is refused. */
const stixObject = z.looseObject({
  type: z.string(),
  id: z.string(),
  object_marking_refs: z.array(z.string({ error: MARKING_REFS }), { error: MARKING_REFS }).optional(),
});
/** `stix_entity`: a JSON string (6.8.9+), possibly empty, or an object. */
const stixEntityField = z.unknown().transform((value, ctx) => {
  if (value === null || value === undefined || value === '') return undefined;
  let object = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
      return z.NEVER;
    }
  }
  const parsed = stixObject.safeParse(object);
  if (!parsed.success) {
    const refs = parsed.error.issues.find((i) => i.path[0] === 'object_marking_refs');
    ctx.addIssue({ code: 'custom', message: refs ? `object_marking_refs ${MARKING_REFS}` : 'is not a STIX object (needs type and id)' });
    return z.NEVER;
  }
  return parsed.data;
});

const playbookSchema = z.object({
  event_id: z.string(),
  execution_id: z.string(),
  playbook_id: z.string(),
  data_instance_id: z.string(),
  step_id: z.string(),
  previous_step_id: z.string(),
});

const messageSchema = z.object({
  internal: z.looseObject({
    work_id: z.string().nullish(),
    applicant_id: z.string().nullish(),
    draft_id: z.string().nullish(),
    trigger: z.enum(['create', 'update']).optional(),
    mode: z.enum(['auto', 'manual']).optional(),
    playbook: playbookSchema.optional(),
  }),
  event: z.looseObject({
    entity_id: z.string().min(1, 'must not be empty'),
    entity_type: z.string().optional(),
    stix_entity: stixEntityField.optional(),
    bundle: z.looseObject({ type: z.literal('bundle'), id: z.string(), objects: z.array(stixObject) }).optional(),
  }),
});

/** Parses a listen-queue body: 5.x, 6.0-6.8.8, 6.8.9+ and playbook shapes (docs/protocol.md#listen-messages). */
export function parseEnrichmentMessage(body: string): EnrichmentMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    // The parser quotes part of the body in its message.
    throw new MalformedMessageError(`body is not JSON (${printable((error as Error).message)})`);
  }
  const parsed = messageSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ');
    throw new MalformedMessageError(`not an OpenCTI enrichment message: ${where}`);
  }
  const { internal, event } = parsed.data;
  if (internal.playbook && !event.bundle) throw new MalformedMessageError('playbook message without event.bundle');
  return {
    workId: internal.work_id || null,
    applicantId: internal.applicant_id ?? null,
    draftId: internal.draft_id || null,
    entityId: event.entity_id,
    entityType: event.entity_type || undefined,
    stixEntity: (event.stix_entity ?? undefined) as StixObject | undefined,
    trigger: internal.trigger,
    mode: internal.mode,
    playbook: internal.playbook ? { context: internal.playbook, bundle: event.bundle as unknown as StixBundle } : undefined,
  };
}

/**
 * The work id of a body that is not a valid enrichment message, when it can still be read
 * (`internal.work_id` a non-empty string), so that work is closed instead of staying in progress.
 */
export function readableWorkId(body: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // Not JSON at all: no work can be named, which is the answer.
    return null;
  }
  const workId = (json as { internal?: { work_id?: unknown } } | null)?.internal?.work_id;
  return typeof workId === 'string' && workId !== '' ? workId : null;
}
