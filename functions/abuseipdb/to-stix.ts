import {
  countryLocation,
  findCountry,
  observableSighting,
  updateEntity,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import { categoryLabel } from './categories';
import type { AbuseIpdbCheck, AbuseIpdbReport } from './schema';

interface CountryReports {
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/**
 * Reports per reporter country (by alpha-2 code), with the oldest and newest report dates (whatever
 * the answer's order). Reports without a country, or with a code the platform does not know, count
 * towards no country.
 */
function groupByCountry(reports: readonly AbuseIpdbReport[]): Map<string, CountryReports> {
  const byCountry = new Map<string, CountryReports>();
  for (const report of reports) {
    const code = findCountry(report.reporterCountryCode)?.alpha2;
    if (!code) continue;
    const at = new Date(report.reportedAt).toISOString();
    const seen = byCountry.get(code);
    if (!seen) byCountry.set(code, { count: 1, firstSeen: at, lastSeen: at });
    else
      byCountry.set(code, {
        count: seen.count + 1,
        firstSeen: at < seen.firstSeen ? at : seen.firstSeen,
        lastSeen: at > seen.lastSeen ? at : seen.lastSeen,
      });
  }
  return new Map([...byCountry].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The Python connector's mapping: the confidence score and category labels (or the `whitelist`
 * label and reference) on the address, and per reporter country a Country and a Sighting of the
 * address there.
 */
export function abuseIpdbToStix(check: AbuseIpdbCheck, ctx: MappingContext): StixObject[] {
  const score = check.abuseConfidenceScore;
  if (check.isWhitelisted) {
    return [
      updateEntity(ctx.entity, {
        score,
        labels: ['whitelist'],
        externalReferences: [
          {
            source_name: 'AbuseIPDB (whitelist)',
            url: `https://www.abuseipdb.com/check/${String(ctx.entity.value)}`,
            description: 'This IP address is from within our whitelist.',
          },
        ],
      }),
    ];
  }

  const labels = [...new Set(check.reports.flatMap((r) => r.categories))].map(categoryLabel);
  const objects: StixObject[] = [updateEntity(ctx.entity, { score, labels })];
  for (const [code, seen] of groupByCountry(check.reports)) {
    // Countries are shared reference data: no author, or each connector would claim them in turn.
    const country = countryLocation(code, ctx.now);
    if (!country) continue;
    const sighting = observableSighting(
      {
        observableRef: ctx.entity.id,
        whereSightedRefs: [country.id],
        count: seen.count,
        firstSeen: seen.firstSeen,
        lastSeen: seen.lastSeen,
      },
      ctx.now,
      { createdBy: ctx.authorId },
    );
    objects.push(country, sighting);
  }
  return objects;
}
