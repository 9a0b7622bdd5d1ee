import { candidatePorts, DirectoryStat, firstBlockedDirectory, judgePort, portFromPidFile } from './embedded-postgres';

const OWN = '/home/jane/parking/.data/pg';

describe('embedded PostgreSQL: which server to use', () => {
  it('starts on a free port', () => {
    expect(judgePort({ kind: 'free' }, OWN)).toEqual({ use: 'start' });
  });

  it("reuses this checkout's own server", () => {
    expect(judgePort({ kind: 'postgres', dataDirectory: OWN }, OWN)).toEqual({ use: 'running' });
  });

  it("passes over another checkout's server and any other program, saying whose it is", () => {
    expect(judgePort({ kind: 'postgres', dataDirectory: '/home/jane/parking-2/.data/pg' }, OWN)).toEqual({
      use: 'skip',
      holder: 'the PostgreSQL with its data in /home/jane/parking-2/.data/pg',
    });
    expect(judgePort({ kind: 'other' }, OWN)).toEqual({ use: 'skip', holder: 'another program' });
  });

  it('tries the configured port first, then the next ones, never past 65535', () => {
    expect(candidatePorts(54329).slice(0, 3)).toEqual([54329, 54330, 54331]);
    expect(candidatePorts(54329)).toHaveLength(20);
    expect(candidatePorts(65530)).toEqual([65530, 65531, 65532, 65533, 65534, 65535]);
  });

  it('reads the port from the fourth line of postmaster.pid', () => {
    expect(portFromPidFile('4242\n/home/jane/parking/.data/pg\n1795600000\n54330\n/tmp\nlocalhost\n')).toBe(54330);
    expect(portFromPidFile('4242\n')).toBeUndefined();
    expect(portFromPidFile('')).toBeUndefined();
  });
});

describe('embedded PostgreSQL: can the postgres OS user reach a path', () => {
  const POSTGRES = { uid: 101, gid: 104 };
  const tree = (entries: Record<string, DirectoryStat>) => (dir: string) => entries[dir];
  const root = (mode: number): DirectoryStat => ({ mode, uid: 0, gid: 0 });

  it('finds /root (drwx------) on the way to a checkout under it', () => {
    const statOf = tree({ '/': root(0o755), '/root': root(0o700), '/root/app': root(0o755) });
    expect(firstBlockedDirectory('/root/app/.data/pg', statOf, POSTGRES)).toBe('/root');
  });

  it('lets through folders others may pass, and folders of its own user or group', () => {
    const statOf = tree({
      '/': root(0o755),
      '/srv': root(0o711),
      '/srv/own': { mode: 0o700, uid: 101, gid: 0 },
      '/srv/own/group': { mode: 0o750, uid: 0, gid: 104 },
    });
    expect(firstBlockedDirectory('/srv/own/group/.data/pg', statOf, POSTGRES)).toBeUndefined();
  });

  it('counts only the permissions for others while the user does not exist yet', () => {
    const statOf = tree({ '/': root(0o755), '/srv': { mode: 0o770, uid: 0, gid: 104 } });
    expect(firstBlockedDirectory('/srv/app', statOf, undefined)).toBe('/srv');
  });
});
