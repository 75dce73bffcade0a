/** Writes a generated file the way the repository's Prettier config would, so format checks stay green. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

export async function writeFormatted(file: URL, content: string): Promise<void> {
  const path = fileURLToPath(file);
  const config = (await resolveConfig(path)) ?? {};
  writeFileSync(file, await format(content, { ...config, filepath: path }));
}
