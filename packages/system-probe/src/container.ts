import type { Reader } from './reader.js';

/** Names in cgroup paths that container runtimes and orchestrators create. */
export const CONTAINER_CGROUP_PATTERN = /docker|kubepods|containerd|libpod|lxc|crio|cri-containerd|garden|podman/i;

/** Signs that this process runs in a container, each a sentence naming the file and what it held. */
export function containerEvidence(reader: Reader, ownCgroupPaths: readonly string[]): string[] {
  const evidence: string[] = [];
  if (reader.exists('/.dockerenv')) evidence.push('/.dockerenv exists (Docker creates it in containers)');
  if (reader.exists('/run/.containerenv')) evidence.push('/run/.containerenv exists (Podman creates it in containers)');
  const pid1 = reader.read('/proc/1/cgroup');
  if (pid1.ok) {
    const hit = pid1.text.split('\n').find((l) => CONTAINER_CGROUP_PATTERN.test(l));
    if (hit !== undefined) evidence.push(`/proc/1/cgroup names a container runtime: ${hit.trim()}`);
  }
  const own = ownCgroupPaths.find((p) => CONTAINER_CGROUP_PATTERN.test(p));
  if (own !== undefined) evidence.push(`this process's cgroup path names a container runtime: ${own}`);
  const mounts = reader.read('/proc/self/mountinfo');
  if (mounts.ok) {
    const rootLine = mounts.text.split('\n').find((l) => l.split(' ')[4] === '/');
    const fsType = rootLine?.split(' - ')[1]?.split(' ')[0];
    if (fsType === 'overlay') evidence.push('the root filesystem is an overlay mount (as container images are)');
  }
  return evidence;
}
