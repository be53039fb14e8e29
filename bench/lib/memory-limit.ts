import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './paths';

/** The memory limit a service has in deploy/k8s (`limits: { memory: 256Mi }`), in bytes. */
export function deploymentMemoryLimit(service: string): number | undefined {
  try {
    const manifest = readFileSync(join(ROOT, 'deploy', 'k8s', `${service}.yaml`), 'utf8');
    const match = /limits:\s*\{\s*memory:\s*(\d+)(Mi|Gi)\s*\}/.exec(manifest);
    return match ? Number(match[1]) * (match[2] === 'Gi' ? 2 ** 30 : 2 ** 20) : undefined;
  } catch {
    return undefined;
  }
}

const V1 = '/sys/fs/cgroup/memory';
const V2 = '/sys/fs/cgroup';

/**
 * A memory cgroup with a limit, as a container runtime gives a pod: Node sizes its heap (and its
 * young generation) from it, as it does under the deployment. Undefined where cgroups cannot be
 * made (not root, no memory controller): the service then runs unconstrained.
 */
export function createMemoryCgroup(
  name: string,
  limitBytes: number,
): { procsFile: string; remove(): void } | undefined {
  try {
    let dir: string;
    if (existsSync(join(V1, 'memory.limit_in_bytes'))) {
      dir = join(V1, 'helpdesk-bench', name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'memory.limit_in_bytes'), String(limitBytes));
    } else if (readFileSync(join(V2, 'cgroup.controllers'), 'utf8').includes('memory')) {
      const parent = join(V2, 'helpdesk-bench');
      mkdirSync(parent, { recursive: true });
      writeFileSync(join(V2, 'cgroup.subtree_control'), '+memory');
      writeFileSync(join(parent, 'cgroup.subtree_control'), '+memory');
      dir = join(parent, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'memory.max'), String(limitBytes));
    } else {
      return undefined;
    }
    return {
      procsFile: join(dir, 'cgroup.procs'),
      remove: () => {
        try {
          rmdirSync(dir);
        } catch {
          // still has a process, or already gone
        }
      },
    };
  } catch {
    return undefined;
  }
}
