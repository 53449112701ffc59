// The simulated organization: users, sites, devices, derived from the seed alone.
import { SeededRandom, hashOf } from './seeded-random';

export interface DirectoryUser {
  readonly upn: string;
  readonly displayName: string;
  /** The PUID-style key SharePoint and Entra put in UserKey. */
  readonly puid: string;
  readonly objectId: string;
  readonly ipv4: string;
  readonly ipv6: string;
  readonly userAgent: string;
  readonly userType: number;
  readonly mailboxGuid: string;
  readonly sid: string;
}

export interface DirectorySite {
  readonly url: string;
  readonly siteId: string;
  readonly webId: string;
  readonly listId: string;
  readonly workload: 'SharePoint' | 'OneDrive';
  readonly library: string;
}

export interface TenantDirectory {
  readonly tenantId: string;
  readonly domain: string;
  readonly spHost: string;
  readonly users: readonly DirectoryUser[];
  readonly sites: readonly DirectorySite[];
  readonly teams: readonly { name: string; guid: string; groupId: string }[];
}

const FIRST = ['Alex', 'Maria', 'Chen', 'Fatima', 'Jonas', 'Priya', 'Diego', 'Aiko', 'Liam', 'Noor', 'Olga', 'Samuel', 'Ines', 'Tomasz', 'Grace', 'Ravi', 'Elena', 'Kwame', 'Sofia', 'Hiro'];
const LAST = ['Smith', 'Garcia', 'Wang', 'Khan', 'Berg', 'Patel', 'Lopez', 'Tanaka', 'Murphy', 'Haddad', 'Ivanova', 'Okafor', 'Rossi', 'Nowak', 'Kim', 'Singh', 'Petrov', 'Mensah', 'Costa', 'Sato'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.14; rv:72.0) Gecko/20100101 Firefox/72.0',
  'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)',
  'Microsoft SkyDriveSync 23.246.1127.0002 ship; Windows NT 10.0 (19045)',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];
const TEAM_NAMES = ['Finance', 'Engineering', 'Sales EMEA', 'Legal', 'Marketing', 'IT Operations', 'HR', 'Project Falcon'];
const SITE_NAMES = ['Finance', 'Engineering', 'Sales', 'Legal', 'Marketing', 'Intranet', 'HR', 'Projects'];

/** Documentation and public test ranges are avoided on purpose: records look like real egress IPs. */
function ipv4(rng: SeededRandom): string {
  const firsts = [20, 40, 51, 52, 81, 83, 91, 104, 145, 176, 185, 193, 212, 217];
  return `${rng.pick(firsts)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

export function createTenantDirectory(seed: number, tenantId: string, userCount: number): TenantDirectory {
  const rng = new SeededRandom(hashOf(seed, 'directory'));
  const domain = 'contoso.onmicrosoft.com';
  const spHost = 'contoso.sharepoint.com';
  const users: DirectoryUser[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < userCount; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    let local = `${first}.${last}`.toLowerCase();
    if (taken.has(local)) local = `${local}${i}`;
    taken.add(local);
    users.push({
      upn: `${local}@${domain}`,
      displayName: `${first} ${last}`,
      puid: `1003${rng.hex(12).toUpperCase()}`,
      objectId: rng.guid(),
      ipv4: ipv4(rng),
      ipv6: `2a01:${rng.hex(4)}:${rng.hex(4)}:${rng.hex(4)}::${rng.hex(3)}`,
      userAgent: rng.pick(AGENTS),
      // A few admins (2) among regular users (0).
      userType: i % 17 === 3 ? 2 : 0,
      mailboxGuid: rng.guid(),
      sid: `S-1-5-21-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}-${rng.int(1e9, 4e9)}-${rng.int(1000, 99999)}`,
    });
  }
  const sites: DirectorySite[] = SITE_NAMES.map((name) => ({
    url: `https://${spHost}/sites/${name}/`,
    siteId: rng.guid(),
    webId: rng.guid(),
    listId: rng.guid(),
    workload: 'SharePoint' as const,
    library: 'Shared Documents',
  }));
  for (const user of users.slice(0, Math.min(users.length, 30))) {
    sites.push({
      url: `https://contoso-my.sharepoint.com/personal/${user.upn.replace(/[.@]/g, '_')}/`,
      siteId: rng.guid(),
      webId: rng.guid(),
      listId: rng.guid(),
      workload: 'OneDrive',
      library: 'Documents',
    });
  }
  const teams = TEAM_NAMES.map((name) => ({ name, guid: `19:${rng.hex(32)}@thread.tacv2`, groupId: rng.guid() }));
  return { tenantId, domain, spHost, users, sites, teams };
}
