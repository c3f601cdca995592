import type { ServiceDefinition } from '../../shared/pipeline/service';
import type { ConnectorInput, ServiceDefaults } from './connector-schema';

/** What the configuration needs to know of a service: its folder, its scope, its key, its own settings. */
export type ServiceCatalogEntry = Pick<ServiceDefinition, 'name' | 'scope' | 'apiKey' | 'options' | 'defaultRateLimit'>;

const KEY_SECRET = 'the name or complete ARN of the Secrets Manager secret holding the vendor API key';

/** Each setting a service has, with a value its own parser accepts (as the function will read it at start). */
function checkSettings(connector: ConnectorInput, service: ServiceCatalogEntry, where: string): string[] {
  const options = service.options ?? {};
  return Object.entries(connector.settings ?? {}).flatMap(([key, value]) => {
    const option = options[key];
    if (!option) {
      const known = Object.keys(options).join(', ') || 'none';
      return [`${where}.settings.${key}: ${service.name} has no setting "${key}" (its settings: ${known})`];
    }
    return option.schema.safeParse(String(value)).success
      ? []
      : [`${where}.settings.${key}: expected ${option.expected}, got ${JSON.stringify(value)}`];
  });
}

/**
 * Checks the connectors against the services that exist (`functions/services.ts`): a known
 * service, an API key secret exactly when the service takes a key, settings the service has.
 * One line per problem.
 */
export function checkAgainstCatalog(connectors: readonly ConnectorInput[], catalog: readonly ServiceCatalogEntry[]): string[] {
  const problems: string[] = [];
  const known = catalog.map((s) => s.name).join(', ');
  connectors.forEach((connector, index) => {
    const where = `connectors[${index}]`;
    const service = catalog.find((s) => s.name === connector.service);
    if (!service) {
      problems.push(
        `${where}.service: unknown service "${connector.service}": expected one of ${known} (a folder under functions/, listed in functions/services.ts)`,
      );
      return;
    }
    if (service.apiKey === 'required' && !connector.apiKeySecret) {
      problems.push(`${where}.apiKeySecret: is required: ${service.name} needs an API key; ${KEY_SECRET}`);
    }
    if (service.apiKey === 'none' && connector.apiKeySecret) {
      problems.push(
        `${where}.apiKeySecret: ${service.name} takes no API key; remove the setting so the function gets no access to that secret`,
      );
    }
    problems.push(...checkSettings(connector, service, where));
  });
  return problems;
}

/** What a connector takes from its service when it does not set it: the scope and the rate limit. */
export function serviceDefaults(service: string, catalog: readonly ServiceCatalogEntry[]): ServiceDefaults {
  const entry = catalog.find((s) => s.name === service);
  return { scope: entry?.scope ?? [], defaultRateLimit: entry?.defaultRateLimit };
}
