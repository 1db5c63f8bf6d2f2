/**
 * npm run cluster -- build|up|down|env|status [--name NAME] [--nodes N]
 *
 *   build   build (or verify) the tools in the cache
 *   up      start a cluster that keeps running after the command (default name: dev)
 *   env     print `export` lines:  eval "$(npm run -s cluster -- env)"
 *   down    stop it and remove everything it created
 *   status  list the test clusters on this machine
 */
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {ensureTools} from './ensure.js';
import {exportLines} from './info.js';
import {launchCluster, namedWorkdir, readState, stopCluster} from './launch.js';
import {groupAlive, killGroup, processAlive, reapStaleClusters, WORKDIR_PREFIX} from './reaper.js';

const USAGE = `usage: npm run cluster -- build|up|down|env|status [--name NAME] [--nodes N]

  build   build (or verify) the tools in $HOME/.cache/buntime-deploy-test
  up      start a cluster that keeps running after the command (default name: dev)
  env     print export lines:  eval "$(npm run -s cluster -- env)"
  down    stop it and remove everything it created
  status  list the test clusters on this machine

  --name NAME   which cluster (default dev)
  --nodes N     kwok nodes for up (default 1)
  -h, --help    this text`;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const {positionals, values} = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const command = positionals[0];
  const name = values.name;
  const workdir = namedWorkdir(name);
  const err = (line: string): void => void process.stderr.write(`${line}\n`);

  switch (command) {
    case 'build': {
      const build = join(dirname(fileURLToPath(import.meta.url)), 'build.sh');
      return spawnSync('bash', [build, 'all'], {stdio: 'inherit'}).status ?? 1;
    }
    case 'up': {
      await ensureTools();
      for (const dir of reapStaleClusters()) err(`removed a dead test cluster: ${dir}`);
      const existing = readState(workdir);
      if (existing && processAlive(existing.daemonPid)) {
        err(
          `Cluster '${name}' is already running (${existing.info.server}). Use --name for another one, or 'down' first.`,
        );
        return 2;
      }
      const started = Date.now();
      const {info} = await launchCluster({name, workdir, nodes: Number(values.nodes), lifeline: false});
      err(
        `Cluster '${name}' up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${info.server}, ${values.nodes} node(s), MinIO ${info.s3.endpoint}`,
      );
      err(`Work directory: ${info.workdir}`);
      err(`Use it:  eval "$(npm run -s cluster -- env${name === 'dev' ? '' : ` --name ${name}`})"`);
      return 0;
    }
    case 'env': {
      const state = readState(workdir);
      if (!state || !processAlive(state.daemonPid)) {
        err(`No running cluster '${name}'. Start one with: npm run cluster -- up`);
        return 1;
      }
      process.stdout.write(exportLines(state.info));
      return 0;
    }
    case 'down': {
      const state = readState(workdir);
      if (state) {
        const ms = await stopCluster(state.info);
        err(`Cluster '${name}' down in ${(ms / 1000).toFixed(1)} s.`);
      } else if (existsSync(workdir)) {
        killGroup(-1, workdir);
        rmSync(workdir, {recursive: true, force: true});
        err(`Removed the leftovers of cluster '${name}'.`);
      } else {
        err(`No cluster '${name}'.`);
      }
      return 0;
    }
    case 'status': {
      for (const entry of readdirSync(tmpdir()).filter((e) => e.startsWith(WORKDIR_PREFIX))) {
        const state = readState(join(tmpdir(), entry));
        let status = 'starting, or dead before it started';
        if (state) {
          if (processAlive(state.daemonPid))
            status = state.lifeline ? `running (owned by pid ${state.ownerPid})` : 'running';
          else status = groupAlive(state.info.pgid) ? 'daemon dead, components orphaned (next up reaps them)' : 'dead';
        }
        process.stdout.write(`${entry.slice(WORKDIR_PREFIX.length)}\t${state?.info.server ?? '-'}\t${status}\n`);
      }
      return 0;
    }
    default:
      err(USAGE);
      return 2;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: {type: 'string', default: 'dev'},
      nodes: {type: 'string', default: '1'},
      help: {type: 'boolean', short: 'h', default: false},
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
