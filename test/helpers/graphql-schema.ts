import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { SHARED_REFERENCE } from './shared-reference';

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return graphqlFiles(path);
    return name.endsWith('.graphql') ? [path] : [];
  });
}

let schema: GraphQLSchema | undefined;

/** The OpenCTI 6.9 schema: opencti.graphql plus every module's SDL extension. */
export function openctiSchema(): GraphQLSchema {
  if (!schema) {
    const root = join(SHARED_REFERENCE, 'opencti');
    // The platform merges each module's own `type Query/Mutation/Subscription` into the root types.
    const modules = graphqlFiles(join(root, 'src')).map((f) =>
      readFileSync(f, 'utf8').replace(/^type (Query|Mutation|Subscription)\b/gm, 'extend type $1'),
    );
    const sdl = [readFileSync(join(root, 'opencti.graphql'), 'utf8'), ...modules].join('\n');
    schema = buildSchema(sdl, { assumeValidSDL: true });
  }
  return schema;
}

/** Validation errors of a document against the OpenCTI schema (empty when valid). */
export function validateDocument(document: string): string[] {
  return validate(openctiSchema(), parse(document)).map((e) => e.message);
}
