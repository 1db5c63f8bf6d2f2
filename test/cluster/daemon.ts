/**
 * The process that owns one test cluster. Started detached (its own process group) by launch.ts,
 * it runs the components as its children, answers a small control API on 127.0.0.1 and tears
 * everything down (processes, MinIO data, the work directory) when:
 *  - asked to (POST /shutdown: `cluster down`, the e2e global teardown);
 *  - it gets SIGTERM/SIGINT/SIGHUP;
 *  - in --lifeline mode, its stdin closes, i.e. the process that started it (vitest) exited for any
 *    reason, including being killed with SIGKILL, which no in-process handler could catch.
 * Protocol: one JSON line on stdout, {"ready": ClusterInfo} or {"error": "..."}; logs go to stderr.
 */
import {randomBytes} from 'node:crypto';
import {cp, rm, writeFile} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {parseArgs} from 'node:util';
import {LocalCluster} from './cluster.js';
import type {ClusterInfo} from './info.js';
import {toolPaths} from './tools.js';

const {values} = parseArgs({
  options: {
    name: {type: 'string'},
    workdir: {type: 'string'},
    nodes: {type: 'string'},
    lifeline: {type: 'boolean'},
    audit: {type: 'boolean'},
  },
});
const name = values.name ?? 'e2e';
if (!values.workdir) throw new Error('daemon: --workdir is required');
const workdir: string = values.workdir;

const log = (line: string): void =>
  void process.stderr.write(`[cluster ${name} ${new Date().toISOString()}] ${line}\n`);
let cluster: LocalCluster | undefined;
let stopping: Promise<void> | undefined;

/** Stops everything and removes the work directory (logs are copied out first when asked). */
function shutdown(reason: string): Promise<void> {
  stopping ??= (async () => {
    log(`shutting down: ${reason}`);
    const started = Date.now();
    try {
      await cluster?.stop();
    } catch (error) {
      log(`stop failed: ${String(error)}`);
    }
    const keep = process.env['BUNTIME_TEST_CLUSTER_LOGS'];
    if (keep)
      await cp(join(workdir, 'logs'), join(keep, `${name}-${Date.now()}`), {recursive: true}).catch(() => undefined);
    log(`stopped in ${Date.now() - started} ms; removing ${workdir}`);
    await rm(workdir, {recursive: true, force: true, maxRetries: 3});
    process.exit(0);
  })();
  return stopping;
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
if (values.lifeline) {
  process.stdin.on('close', () => void shutdown('the process that started the cluster went away'));
  process.stdin.on('end', () => void shutdown('the process that started the cluster went away'));
  process.stdin.resume();
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {'content-type': 'application/json'});
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Control API: POST /restart-apiserver {signal?, downtimeMs?}, POST /shutdown, GET /health. */
async function startControl(token: string): Promise<string> {
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) return reply(res, 401, {error: 'unauthorized'});
    void (async () => {
      try {
        if (req.method === 'GET' && req.url === '/health') return reply(res, 200, {ok: true});
        if (req.method === 'POST' && req.url === '/shutdown') {
          reply(res, 202, {ok: true});
          return void shutdown('shutdown requested');
        }
        if (req.method === 'POST' && req.url === '/restart-apiserver' && cluster) {
          const body = await readBody(req);
          const signal = body['signal'] === 'SIGKILL' ? 'SIGKILL' : 'SIGTERM';
          const downtimeMs = typeof body['downtimeMs'] === 'number' ? body['downtimeMs'] : 0;
          log(`restarting kube-apiserver (${signal}, down for ${downtimeMs} ms)`);
          const started = Date.now();
          await cluster.restartApiServer({signal, downtimeMs});
          log(`kube-apiserver back in ${Date.now() - started} ms`);
          return reply(res, 200, {ok: true});
        }
        return reply(res, 404, {error: `no route ${req.method} ${req.url}`});
      } catch (error) {
        return reply(res, 500, {error: String(error instanceof Error ? error.message : error)});
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

try {
  const started = await LocalCluster.start({
    name,
    workdir,
    tools: toolPaths(),
    nodes: Number(values.nodes ?? '1'),
    log,
    audit: values.audit === true,
  });
  cluster = started.cluster;
  const token = randomBytes(24).toString('hex');
  const info: ClusterInfo = {...started.info, pgid: process.pid, control: {url: await startControl(token), token}};
  // state.json lets `cluster env|down` and the stale-cluster reaper find this cluster by name.
  const state = {info, daemonPid: process.pid, ownerPid: process.ppid, lifeline: values.lifeline === true};
  await writeFile(join(workdir, 'state.json'), JSON.stringify(state, null, 2), {mode: 0o600});
  process.stdout.write(`${JSON.stringify({ready: info})}\n`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  log(`start failed: ${message}`);
  process.stdout.write(`${JSON.stringify({error: message})}\n`);
  await shutdown('start failed');
}
// Keep running until shutdown: the control server is unref'd, so hold the loop open explicitly.
setInterval(() => undefined, 1 << 30);
