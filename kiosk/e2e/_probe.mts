import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const NM = '/work/wt/vision/node_modules/@mediapipe/tasks-vision/';
const files: Record<string, [string, string]> = {
  '/vision_bundle.mjs': [NM + 'vision_bundle.mjs', 'text/javascript'],
  '/wasm/vision_wasm_module_internal.js': [NM + 'wasm/vision_wasm_module_internal.js', 'text/javascript'],
  '/wasm/vision_wasm_module_internal.wasm': [NM + 'wasm/vision_wasm_module_internal.wasm', 'application/wasm'],
  '/wasm/vision_wasm_internal.js': [NM + 'wasm/vision_wasm_internal.js', 'text/javascript'],
  '/wasm/vision_wasm_internal.wasm': [NM + 'wasm/vision_wasm_internal.wasm', 'application/wasm'],
  '/face.tflite': [process.argv[2]!, 'application/octet-stream'],
  '/astronaut.png': ['/tmp/probe/astronaut.png', 'image/png'],
  '/coffee.png': ['/tmp/probe/coffee.png', 'image/png'],
  '/': ['/dev/null', 'text/html'],
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
page.on('request', (r) => { if (!r.url().startsWith('http://probe.test')) console.log('OUTSIDE', r.url()); });
await page.route('**/*', (route) => {
  const u = new URL(route.request().url());
  const f = files[u.pathname];
  if (u.host !== 'probe.test' || !f) return route.abort();
  return route.fulfill({ body: readFileSync(f[0]), contentType: f[1] });
});
await page.goto('http://probe.test/');
const r = await page.evaluate(async () => {
  const v = await import('/vision_bundle.mjs' as string);
  const fileset = { wasmLoaderPath: '/wasm/vision_wasm_internal.js', wasmBinaryPath: '/wasm/vision_wasm_internal.wasm' };
  const det = await v.FaceDetector.createFromOptions(fileset, { baseOptions: { modelAssetPath: '/face.tflite', delegate: 'CPU' }, runningMode: 'IMAGE', minDetectionConfidence: 0.5 });
  const out: unknown[] = [];
  for (const name of ['astronaut', 'coffee']) {
    const img = new Image(); img.src = `/${name}.png`; await img.decode();
    const bmp = await createImageBitmap(img);
    const t = performance.now();
    const res = det.detect(bmp);
    out.push({ name, ms: performance.now() - t, d: res.detections.map((d: any) => ({ box: d.boundingBox, score: d.categories[0]?.score })) });
    const t2 = performance.now(); for (let i = 0; i < 10; i++) det.detect(bmp); out.push({ avg: (performance.now() - t2) / 10 });
  }
  det.close();
  await new Promise((r) => setTimeout(r, 1000));
  return out;
});
console.log(JSON.stringify(r, null, 1));
await browser.close();
