/**
 * The demo union's branches and workplaces, and the campaign group's local groups, built once
 * from the place tables.
 *
 * Owns: which branches exist ("<Town> <Sector> Branch", ~300), their workplaces (thousands, each
 * with its employer) and how many members each attracts.
 * Must never: depend on the generator's seed. The structure is fixed so that every seed, and the
 * seed loader, the benchmark and the tests, see the same branches; only who is in them varies.
 */
import { Random, Weighted, hashString } from '../random/random.prng.js';
import {
  AMBULANCE_SERVICES,
  BUS_OPERATORS,
  CARE_PROVIDERS,
  CATERING_CONTRACTORS,
  ENERGY_NETWORKS,
  FACILITIES_CONTRACTORS,
  HOSPITAL_PATTERNS,
  LEISURE_OPERATORS,
  NEIGHBOURHOODS,
  SAINTS,
  TOWNS,
  WASTE_CONTRACTORS,
  WATER_COMPANIES,
  type Town,
} from './place.data.js';

export type Sector =
  | 'Public Services'
  | 'Health'
  | 'Local Government'
  | 'Education'
  | 'Higher Education'
  | 'Community'
  | 'Police Staff'
  | 'Transport'
  | 'Water'
  | 'Energy';

const SECTOR_WEIGHT: Readonly<Record<Sector, number>> = {
  'Public Services': 80,
  Health: 34,
  'Local Government': 34,
  Education: 14,
  'Higher Education': 5,
  Community: 5,
  'Police Staff': 4,
  Transport: 2,
  Water: 1.2,
  Energy: 1,
};

export interface Workplace {
  readonly name: string;
  readonly employer: string;
  /** Domain for work email addresses, when the employer gives staff one (nhs.net, leeds.gov.uk). */
  readonly emailDomain: string | null;
}

export interface Branch {
  readonly name: string;
  readonly town: Town;
  readonly sector: Sector;
  readonly workplaces: Weighted<Workplace>;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^a-z0-9]+/g, '');
}

function councilName(town: Town): string {
  if (town.londonBorough) return `London Borough of ${town.name}`;
  return town.isCity ? `${town.name} City Council` : `${town.name} Council`;
}

function councilDomain(town: Town): string {
  return `${slug(town.name)}.gov.uk`;
}

function hospitalTrust(town: Town): { employer: string; domain: string } {
  if (town.healthBody) {
    const domain = town.region === 'Scotland' ? 'nhs.scot' : town.region === 'Wales' ? 'wales.nhs.uk' : 'hscni.net';
    return { employer: town.healthBody, domain };
  }
  return {
    employer: town.weight >= 5 ? `${town.name} Teaching Hospitals NHS Trust` : `${town.name} and District NHS Foundation Trust`,
    domain: 'nhs.net',
  };
}

function communityTrust(town: Town): { employer: string; domain: string } {
  if (town.healthBody) return hospitalTrust(town);
  return { employer: `${town.name} Community and Mental Health NHS Trust`, domain: 'nhs.net' };
}

type Template = readonly [name: string, employer: string, domain: string | null, weight: number];

/** Workplaces for one town and sector; `random` is seeded from the town so the result is fixed. */
function workplacesFor(town: Town, sector: Sector, random: Random): Template[] {
  const t = town.name;
  const council = councilName(town);
  const councilMail = councilDomain(town);
  const hoods: string[] = [...NEIGHBOURHOODS];
  // A fixed, town-specific shuffle of neighbourhoods, so that two towns rarely share a school name.
  for (let i = hoods.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [hoods[i], hoods[j]] = [hoods[j], hoods[i]];
  }
  let next = 0;
  const hood = (): string => hoods[next++ % hoods.length];
  const many = Math.max(1, Math.min(8, Math.round(town.weight * 0.7)));
  const out: Template[] = [];
  const add = (name: string, employer: string, domain: string | null, weight: number): void => {
    out.push([name, employer, domain, weight]);
  };

  switch (sector) {
    case 'Public Services':
      // Small towns have one branch for everyone: the hospital, the council and the schools.
      return [
        ...workplacesFor(town, 'Health', random).slice(0, 5),
        ...workplacesFor(town, 'Local Government', random).slice(0, 8),
        ...workplacesFor(town, 'Education', random).slice(0, 3),
      ];
    case 'Health': {
      const acute = hospitalTrust(town);
      const community = communityTrust(town);
      const hospital = `${t} ${random.pick(HOSPITAL_PATTERNS)}`;
      add(hospital, acute.employer, acute.domain, 30);
      if (town.weight >= 5) add(`${random.pick(SAINTS)} Hospital, ${t}`, acute.employer, acute.domain, 15);
      add(`${hospital} – Facilities`, random.pick(FACILITIES_CONTRACTORS), null, 8);
      add(`${hospital} – Pathology`, acute.employer, acute.domain, 4);
      add(`${t} Community Health Services`, community.employer, community.domain, 6);
      add(`${t} Mental Health Unit`, community.employer, community.domain, 5);
      add(`${t} Ambulance Station`, AMBULANCE_SERVICES[town.region], null, 3);
      for (let i = 0; i < many; i++) add(`${hood()} Health Centre, ${t}`, community.employer, community.domain, 2);
      for (let i = 0; i < many; i++) add(`${hood()} Medical Practice, ${t}`, `${t} GP Federation`, 'nhs.net', 1);
      break;
    }
    case 'Local Government': {
      add(`${t} Council – Civic Centre`, council, councilMail, 12);
      add(`${t} Council – Depot`, council, councilMail, 8);
      if (town.weight >= 5) add(`${t} Council – North Depot`, council, councilMail, 4);
      add(`${t} Council – Waste and Recycling`, random.chance(0.4) ? random.pick(WASTE_CONTRACTORS) : council, null, 6);
      add(`${t} Council – Housing Office`, council, councilMail, 5);
      add(`${t} Council – Adult Social Care`, council, councilMail, 8);
      add(`${t} Council – Children's Services`, council, councilMail, 7);
      add(`${t} Council – Libraries`, council, councilMail, 3);
      add(`${t} Council – Highways`, council, councilMail, 4);
      add(`${t} Council – Revenues and Benefits`, council, councilMail, 4);
      add(`${t} Council – Contact Centre`, council, councilMail, 4);
      add(`${t} Council – Parks and Cemeteries`, council, councilMail, 3);
      for (let i = 0; i < Math.ceil(many / 2); i++) add(`${hood()} Leisure Centre, ${t}`, random.pick(LEISURE_OPERATORS), null, 2);
      for (let i = 0; i < many; i++) add(`${hood()} Care Home, ${t}`, random.pick(CARE_PROVIDERS), null, 2);
      for (let i = 0; i < many; i++) add(`${hood()} Primary School, ${t}`, council, councilMail, 1.5);
      break;
    }
    case 'Education': {
      const trust = `${t} Learning Trust`;
      for (let i = 0; i < many + 1; i++) add(`${hood()} Primary School, ${t}`, random.chance(0.5) ? council : trust, null, 2);
      for (let i = 0; i < Math.ceil(many / 2); i++) add(`${hood()} High School, ${t}`, trust, null, 3);
      for (let i = 0; i < Math.ceil(many / 2); i++) add(`${hood()} Academy, ${t}`, trust, null, 3);
      add(`${t} College`, `${t} College`, `${slug(t)}college.ac.uk`, 8);
      if (town.weight >= 3) add(`${t} College – ${hood()} Campus`, `${t} College`, `${slug(t)}college.ac.uk`, 3);
      add(`${t} Council – School Catering`, random.pick(CATERING_CONTRACTORS), null, 3);
      break;
    }
    case 'Higher Education': {
      const university = `University of ${t}`;
      const domain = `${slug(t)}.ac.uk`;
      for (const [unit, weight] of [
        ['Library', 5],
        ['Estates', 6],
        ['Student Services', 4],
        ['Catering and Residences', 4],
        ['IT Services', 3],
        ['Faculty of Health', 4],
        ['Research Office', 2],
      ] as const) {
        add(`${university} – ${unit}`, university, domain, weight);
      }
      add(`${university} – Security`, random.pick(FACILITIES_CONTRACTORS), null, 2);
      break;
    }
    case 'Police Staff':
      add(`${t} Police Station`, town.policeForce, null, 6);
      add(`${t} Custody Suite`, town.policeForce, null, 3);
      add(`${town.policeForce} – Control Room, ${t}`, town.policeForce, null, 4);
      add(`${t} Police – Enquiry Office`, town.policeForce, null, 2);
      break;
    case 'Community': {
      for (let i = 0; i < many; i++) add(`${hood()} Care Home, ${t}`, random.pick(CARE_PROVIDERS), null, 3);
      add(`${t} Homes – Repairs Team`, `${t} Homes`, null, 4);
      add(`${t} Homes – ${hood()} Office`, `${t} Homes`, null, 2);
      add(`Citizens Advice ${t}`, `Citizens Advice ${t}`, null, 3);
      add(`${t} Women's Aid`, `${t} Women's Aid`, null, 2);
      add(`${t} Hospice`, `${t} Hospice`, null, 3);
      break;
    }
    case 'Transport': {
      const operator = BUS_OPERATORS[hashString(t) % (town.region === 'West Midlands' ? 5 : 4)];
      add(`${t} Bus Depot`, operator, null, 6);
      add(`${t} Bus Station`, operator, null, 2);
      add(`${t} ${hood()} Bus Garage`, operator, null, 3);
      break;
    }
    case 'Water':
      add(`${t} Water Treatment Works`, WATER_COMPANIES[town.region], null, 3);
      add(`${t} Wastewater Treatment Works`, WATER_COMPANIES[town.region], null, 3);
      add(`${WATER_COMPANIES[town.region]} – ${t} Depot`, WATER_COMPANIES[town.region], null, 2);
      break;
    case 'Energy':
      add(`${ENERGY_NETWORKS[town.region]} – ${t} Depot`, ENERGY_NETWORKS[town.region], null, 3);
      add(`${ENERGY_NETWORKS[town.region]} – ${t} Control Centre`, ENERGY_NETWORKS[town.region], null, 2);
      break;
  }
  return out;
}

function sectorsFor(town: Town): Sector[] {
  if (town.weight < 3) return ['Public Services'];
  const sectors: Sector[] = ['Health', 'Local Government'];
  if (town.weight >= 4) sectors.push('Education');
  if (town.hasUniversity && town.weight >= 4) sectors.push('Higher Education');
  if (town.weight >= 6) sectors.push('Community', 'Police Staff');
  if (town.weight >= 8) sectors.push('Transport', 'Water', 'Energy');
  return sectors;
}

function buildBranches(): Branch[] {
  const branches: Branch[] = [];
  const usedWorkplaces = new Set<string>();
  for (const town of TOWNS) {
    const random = new Random(hashString(`branches:${town.region}:${town.name}`));
    for (const sector of sectorsFor(town)) {
      const templates = workplacesFor(town, sector, random).filter(([name]) => {
        // Two towns can draw the same neighbourhood; the town name in each keeps them apart, but be sure.
        if (usedWorkplaces.has(name)) return false;
        usedWorkplaces.add(name);
        return true;
      });
      branches.push({
        name: `${town.name} ${sector} Branch`,
        town,
        sector,
        workplaces: new Weighted(templates.map(([name, employer, emailDomain, weight]) => [{ name, employer, emailDomain }, weight] as const)),
      });
    }
  }
  return branches;
}

export const UNION_BRANCHES: readonly Branch[] = buildBranches();

/** Members per branch: town size times how unionised the sector is. */
export const UNION_BRANCH_TABLE: Weighted<Branch> = new Weighted(UNION_BRANCHES.map((b) => [b, b.town.weight * SECTOR_WEIGHT[b.sector]] as const));

/** A town's branches, by size: where a member's partner works when not in the same branch. */
export const BRANCHES_BY_TOWN: ReadonlyMap<Town, Weighted<Branch>> = new Map(
  TOWNS.map((town) => {
    const branches = UNION_BRANCHES.filter((b) => b.town === town);
    return [town, new Weighted(branches.map((b) => [b, SECTOR_WEIGHT[b.sector]] as const))] as const;
  }),
);

export interface CampaignGroup {
  readonly name: string;
  readonly town: Town;
}

/** Clean Air Now's local groups: the 40 largest towns. */
export const CAMPAIGN_GROUPS: readonly CampaignGroup[] = [...TOWNS]
  .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name))
  .slice(0, 40)
  .map((town) => ({ name: `${town.name} Clean Air Group`, town }));

export const CAMPAIGN_GROUP_TABLE: Weighted<CampaignGroup> = new Weighted(CAMPAIGN_GROUPS.map((g) => [g, g.town.weight] as const));

/** Any town, by size: where supporters outside a local group live. */
export const TOWN_TABLE: Weighted<Town> = new Weighted(TOWNS.map((t) => [t, t.weight] as const));

/** Every branch name the union's members can have, for pickers and tests. */
export const UNION_BRANCH_NAMES: readonly string[] = UNION_BRANCHES.map((b) => b.name);
/** Every local group name the campaign's supporters can have. */
export const CAMPAIGN_GROUP_NAMES: readonly string[] = CAMPAIGN_GROUPS.map((g) => g.name);
