import type { Template } from 'aws-cdk-lib/assertions';

/* eslint-disable @typescript-eslint/no-explicit-any -- CloudFormation JSON is untyped */
export type Props = Record<string, any>;
export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** `{Ref: X}` or `{Fn::GetAtt: [X, attr]}` → X. */
export function referencedId(value: unknown): string {
  const v = value as Props;
  if (typeof v?.Ref === 'string') return v.Ref;
  if (Array.isArray(v?.['Fn::GetAtt'])) return v['Fn::GetAtt'][0];
  throw new Error(`not a reference: ${JSON.stringify(value)}`);
}

/** A CloudFormation string expression as text, references written `<Id>` or `<Id.Attr>`. */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Props;
  if (typeof v?.Ref === 'string') return `<${v.Ref}>`;
  if (Array.isArray(v?.['Fn::GetAtt'])) return `<${v['Fn::GetAtt'].join('.')}>`;
  if (Array.isArray(v?.['Fn::Join'])) return (v['Fn::Join'][1] as unknown[]).map(flatten).join(v['Fn::Join'][0]);
  if (typeof v?.['Fn::Sub'] === 'string') return v['Fn::Sub'];
  return JSON.stringify(value);
}

export const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Properties of every resource of a type, by logical id. */
export function resources(template: Template, type: string): Record<string, Props> {
  return Object.fromEntries(Object.entries(template.findResources(type)).map(([id, r]) => [id, (r as Props).Properties ?? {}]));
}

/** Every Allow statement of the policies attached to a role. */
export function roleStatements(template: Template, roleId: string): Statement[] {
  return Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((policy) => (policy.Roles as unknown[]).some((role) => referencedId(role) === roleId))
    .flatMap((policy) => policy.PolicyDocument.Statement as Statement[])
    .filter((s) => s.Effect === 'Allow');
}

/** The flattened resources of the statements that allow an action. */
export function resourcesAllowing(statements: Statement[], action: string): string[] {
  return statements.filter((s) => asList(s.Action).includes(action)).flatMap((s) => asList(s.Resource).map(flatten));
}

/** A connector's resources, found from its function's CONNECTOR_ID. */
export interface ConnectorResources {
  functionId: string;
  fn: Props;
  roleId: string;
  mapping: Props;
  queueId: string;
  queue: Props;
  deadLetterQueueId: string;
  deadLetterQueue: Props;
}

export function connectorResources(template: Template, connectorId: string): ConnectorResources {
  const functions = resources(template, 'AWS::Lambda::Function');
  const matches = Object.entries(functions).filter(([, fn]) => fn.Environment?.Variables?.CONNECTOR_ID === connectorId);
  if (matches.length !== 1) throw new Error(`expected one function for connector ${connectorId}, found ${matches.length}`);
  const [functionId, fn] = matches[0]!;
  const mappings = Object.values(resources(template, 'AWS::Lambda::EventSourceMapping')).filter(
    (m) => referencedId(m.FunctionName) === functionId,
  );
  if (mappings.length !== 1) throw new Error(`expected one event source mapping for ${functionId}, found ${mappings.length}`);
  const mapping = mappings[0]!;
  const queues = resources(template, 'AWS::SQS::Queue');
  const queueId = referencedId(mapping.EventSourceArn);
  const queue = queues[queueId]!;
  const deadLetterQueueId = referencedId(queue.RedrivePolicy.deadLetterTargetArn);
  return {
    functionId,
    fn,
    roleId: referencedId(fn.Role),
    mapping,
    queueId,
    queue,
    deadLetterQueueId,
    deadLetterQueue: queues[deadLetterQueueId]!,
  };
}

/** What a reference becomes at deploy time, close enough for the readers of the environment. */
function deployedValue(template: Template, id: string, attribute: string | undefined): string {
  if (id === 'AWS::Region') return 'eu-west-1';
  if (id === 'AWS::AccountId') return '123456789012';
  if (id === 'AWS::Partition') return 'aws';
  const type = (template.toJSON().Resources[id] as Props | undefined)?.Type;
  if (type === 'AWS::SQS::Queue' && !attribute) return `https://sqs.eu-west-1.amazonaws.com/123456789012/${id}`;
  if (type === 'AWS::S3::Bucket' && !attribute) return `bucket-${id.toLowerCase()}`;
  if (type === 'AWS::DynamoDB::Table' && !attribute) return `table-${id.toLowerCase()}`;
  if (type === 'AWS::Lambda::Url' && attribute === 'FunctionUrl') return `https://${id.toLowerCase()}.lambda-url.eu-west-1.on.aws/`;
  throw new Error(`no deployed value for ${id}${attribute ? `.${attribute}` : ''} (${type})`);
}

/** A CloudFormation string expression as it resolves at deploy time. */
export function deployedString(template: Template, value: unknown): string {
  return flatten(value).replace(/<([A-Za-z0-9:]+)(?:\.([A-Za-z]+))?>/g, (_, id: string, attribute?: string) =>
    deployedValue(template, id, attribute),
  );
}

/** A function's or a container's environment as it resolves at deploy time. */
export function deployedEnvironment(template: Template, variables: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, deployedString(template, value)]));
}
