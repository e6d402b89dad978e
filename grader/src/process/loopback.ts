import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findCommand, shellQuote } from './find-command.js';
import { runQuick } from './run-quick.js';

/** A C program that brings `lo` up with SIOCSIFFLAGS, for hosts with neither iproute2 nor net-tools. */
const LO_UP_SOURCE = `#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
int main(void) {
  struct ifreq ifr;
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) { perror("socket"); return 1; }
  memset(&ifr, 0, sizeof ifr);
  strcpy(ifr.ifr_name, "lo");
  if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) { perror("SIOCGIFFLAGS"); return 1; }
  ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
  if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0) { perror("SIOCSIFFLAGS"); return 1; }
  close(fd);
  return 0;
}
`;

export interface LoopbackUp {
  method: 'ip' | 'ifconfig' | 'helper';
  /** a shell command line that brings lo up inside the namespace */
  command: string;
}

/** Picks how `lo` is brought up: iproute2, else net-tools, else a helper compiled with the C compiler into `dir`. */
export async function prepareLoopbackUp(dir: string): Promise<LoopbackUp | undefined> {
  const ip = findCommand('ip');
  if (ip) return { method: 'ip', command: `${shellQuote(ip)} link set lo up` };
  const ifconfig = findCommand('ifconfig');
  if (ifconfig) return { method: 'ifconfig', command: `${shellQuote(ifconfig)} lo up` };
  const cc = findCommand('cc') ?? findCommand('gcc');
  if (!cc) return undefined;
  const source = join(dir, 'lo-up.c');
  const binary = join(dir, 'lo-up');
  await writeFile(source, LO_UP_SOURCE);
  const built = await runQuick([cc, '-O1', '-o', binary, source], { timeoutMs: 60_000 });
  if (built.code !== 0) return undefined;
  await chmod(binary, 0o755);
  return { method: 'helper', command: shellQuote(binary) };
}
