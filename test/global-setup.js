/**
 * Tests that spawn the built CLI or start worker threads run dist/: rebuild it first when any
 * source is newer than the last build, so no test ever runs a stale build.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
// The bundle is the build's last step, so it dates the build.
const built = join(root, 'dist', 'bundle', 'bin.js');

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

module.exports = function buildIfStale() {
  const sources = ['src', 'rules', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, p));
  const newestSource = Math.max(...sources.map(newestMtime));
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
};
