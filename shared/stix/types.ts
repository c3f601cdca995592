/** A STIX 2.1 object as the pipeline handles it: typed core, open for custom and type-specific properties. */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: '2.1';
  object_marking_refs?: string[];
  [property: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  spec_version?: '2.1';
  objects: StixObject[];
}

export interface ExternalReference {
  source_name: string;
  url?: string;
  external_id?: string;
  description?: string;
}

/**
 * What OpenCTI reads from the objects a connector sends, beyond plain STIX: score, labels, author,
 * description and external references (custom `x_opencti_*` properties on SCOs, standard ones on SDOs).
 */
export interface CommonProperties {
  /** Marking definition ids to apply (`object_marking_refs`). */
  markings?: string[];
  /** Author identity id (`created_by_ref`, or `x_opencti_created_by_ref` on SCOs). */
  createdBy?: string;
  labels?: string[];
  description?: string;
  /** OpenCTI score 0-100 (`x_opencti_score`). */
  score?: number;
  externalReferences?: ExternalReference[];
}
