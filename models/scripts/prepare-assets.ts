/**
 * `npm run -w @frontdesk/models prepare-assets` (also the workspace's `build`): copies every file of
 * models/manifest.json into models/dist/assets/, patching where the manifest says so, and fails with
 * the file's name when a size or sha256 differs. The kiosk build serves that folder at /kiosk/models/.
 */
import { ASSETS_OUT_DIR, AssetError, prepareAssets } from '../src/assets/node.js';

try {
  const started = performance.now();
  const done = prepareAssets();
  const copied = done.filter((d) => d.copied).length;
  const total = done.reduce((sum, d) => sum + d.bytes, 0);
  console.log(
    `model assets: ${done.length} files (${(total / 1024 / 1024).toFixed(1)} MiB) verified in ${ASSETS_OUT_DIR}, ` +
      `${copied} copied, in ${Math.round(performance.now() - started)} ms`,
  );
} catch (err) {
  if (err instanceof AssetError) {
    console.error(`prepare-assets failed [${err.code}] ${err.message}`);
    process.exit(1);
  }
  throw err;
}
