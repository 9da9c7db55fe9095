// Finds nginx for the end-to-end tests and the bench, which both run against the build served by
// a real nginx (deploy/nginx.ts): NGINX_PATH, then `nginx` on the PATH, then Debian's
// /usr/sbin/nginx. If none is found it installs Debian's package when it can (root with apt-get),
// or says exactly how and exits. Shared by e2e/run.mjs and bench/run.ts.
import { execFileSync, spawnSync } from 'node:child_process';

const runs = (path) => spawnSync(path, ['-v'], { stdio: 'ignore' }).status === 0;

function canInstall() {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
}

/**
 * @param {string} [purpose] what needs nginx, for the message when there is none
 * @param {string} [rerun] what to run again once nginx is there
 * @returns {string} the path or command name of an nginx binary
 */
export function findNginx(purpose = 'the end-to-end tests', rerun = 'the tests') {
  const found = [process.env.NGINX_PATH, 'nginx', '/usr/sbin/nginx'].find(
    (path) => path && runs(path),
  );
  if (found) return found;
  if (canInstall()) {
    console.log("No nginx found: installing Debian's nginx package…");
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'nginx'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (runs('/usr/sbin/nginx')) return '/usr/sbin/nginx';
  }
  console.error(
    [
      `No nginx found for ${purpose}. Do one of these, then run ${rerun} again:`,
      '  - on Debian or Ubuntu: sudo apt-get install -y nginx',
      '  - or point NGINX_PATH at an nginx binary',
    ].join('\n'),
  );
  process.exit(1);
}
