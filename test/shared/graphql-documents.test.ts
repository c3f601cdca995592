import { ALL_DOCUMENTS } from '../../shared/opencti';
import { validateDocument } from '../helpers/graphql-schema';
import { describeWithReference } from '../helpers/shared-reference';

describeWithReference('GraphQL documents', () => {
  it.each(Object.entries(ALL_DOCUMENTS))('%s validates against the OpenCTI 6.9 schema', (_name, document) => {
    expect(validateDocument(document)).toEqual([]);
  });

  it('the validator catches a field the platform does not have', () => {
    expect(validateDocument('query { about { versionn } }')).not.toEqual([]);
  });
});
