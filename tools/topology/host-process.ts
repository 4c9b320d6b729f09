import { ChildApp } from '../faults/child-app';
import { Host } from './netns';

/** A program run inside a host's namespace: the fault suite's ChildApp with `ip netns exec` (which execs it, so the pid is the program's). */
export type HostProcess = ChildApp;

export function startOnHost(name: string, host: Host, argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): HostProcess {
  return new ChildApp(name, ['ip', 'netns', 'exec', host.ns, ...argv], env, cwd);
}
