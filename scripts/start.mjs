#!/usr/bin/env node
// `npm start`: runs Tiny and the reference proxy side by side, each in its own process group, prints how to
// try them, and stops both on Ctrl-C / SIGTERM. If either dies, the other is stopped and its stderr shown.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const STDERR_TAIL_BYTES = 16 * 1024;

const USAGE = `Usage: npm start -- [--tiny-port N] [--proxy-port N]

Starts Tiny (default port 8000, or $TINY_PORT) and the reference proxy (default 15213, or $PROXY_PORT),
waits until both accept connections, and stops both on Ctrl-C.
`;

function fail(message) {
  process.stderr.write(`start: ${message}\n`);
  process.exit(1);
}

function readPort(name, text) {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    process.stderr.write(`start: ${name} must be a port from 1 to 65535, got "${text}".\n`);
    process.exit(2);
  }
  return Number(text);
}

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'tiny-port': { type: 'string' },
        'proxy-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`start: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const pick = (flag, envName, fallback) => {
    if (values[flag] !== undefined) return readPort(`--${flag}`, values[flag]);
    if (process.env[envName] !== undefined) return readPort(envName, process.env[envName]);
    return fallback;
  };
  return {
    tinyPort: pick('tiny-port', 'TINY_PORT', 8000),
    proxyPort: pick('proxy-port', 'PROXY_PORT', 15213),
  };
}

/** Starts a bin in its own process group; stdout is shared, stderr is echoed and its tail kept. */
function startChild(name, script, args) {
  const child = spawn(process.execPath, [script, ...args], {
    detached: true,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const record = { name, child, stderrTail: '', exited: false };
  child.stderr.on('data', (data) => {
    process.stderr.write(data);
    record.stderrTail = (record.stderrTail + data.toString()).slice(-STDERR_TAIL_BYTES);
  });
  record.exit = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      record.exited = true;
      resolve({ code, signal });
    });
  });
  return record;
}

function signalGroup(record, signal) {
  if (record.exited || record.child.pid === undefined) return;
  try {
    process.kill(-record.child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function stopChildren(records) {
  for (const record of records) signalGroup(record, 'SIGTERM');
  const timer = setTimeout(() => {
    for (const record of records) signalGroup(record, 'SIGKILL');
  }, STOP_GRACE_MS);
  await Promise.all(records.map((record) => record.exit));
  clearTimeout(timer);
}

function acceptsConnections(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Probes the port until it accepts; false if the child exits first or the time runs out. */
async function waitUntilListening(record, port) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!record.exited && Date.now() < deadline) {
    if (await acceptsConnections(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function main() {
  const { tinyPort, proxyPort } = readOptions();
  const tinyBin = `${ROOT}tiny-server/dist/main.js`;
  const proxyBin = `${ROOT}proxy/dist/main.js`;
  for (const bin of [tinyBin, proxyBin]) {
    if (!existsSync(bin)) fail(`${bin} is missing; run "npm run build" first.`);
  }

  const tiny = startChild('tiny-server', tinyBin, [String(tinyPort)]);
  const proxy = startChild('proxy', proxyBin, [String(proxyPort)]);
  const children = [tiny, proxy];
  let stopping = false;
  process.on('exit', () => {
    for (const record of children) signalGroup(record, 'SIGKILL');
  });

  const stopAll = async (exitCode) => {
    if (stopping) return;
    stopping = true;
    await stopChildren(children);
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  const explainDeath = (record, { code, signal }) => {
    const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
    const tail = record.stderrTail.trim();
    process.stderr.write(`start: ${record.name} stopped unexpectedly (${how}).\n`);
    if (tail !== '') process.stderr.write(`--- ${record.name} stderr ---\n${tail}\n`);
  };
  for (const record of children) {
    void record.exit.then((how) => {
      if (stopping) return;
      explainDeath(record, how);
      void stopAll(1);
    });
  }

  const ready = await Promise.all([waitUntilListening(tiny, tinyPort), waitUntilListening(proxy, proxyPort)]);
  if (stopping) return;
  if (!ready.every(Boolean)) {
    const late = children.filter((_, i) => !ready[i]).map((record) => record.name);
    process.stderr.write(
      `start: ${late.join(' and ')} did not accept connections within ${READY_TIMEOUT_MS} ms.\n`,
    );
    await stopAll(1);
    return;
  }
  process.stdout.write(
    `\nTiny is serving on port ${tinyPort}; the proxy is listening on port ${proxyPort}. Try:\n` +
      `  curl -x 127.0.0.1:${proxyPort} http://127.0.0.1:${tinyPort}/home.html\n` +
      `  curl -x 127.0.0.1:${proxyPort} 'http://127.0.0.1:${tinyPort}/cgi-bin/adder?15213&18213'\n` +
      'Press Ctrl-C to stop both.\n',
  );
}

await main();
