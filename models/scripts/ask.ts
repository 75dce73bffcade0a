/**
 * `npm run --silent ask -- --jsonl < utterances.txt`: one JSON object per input line, in order (a
 * contract other tools depend on). `npm run --silent ask -- where is the lift`: one readable answer.
 *
 * Flags: --site hotel|hospital masks the other site's intents; --context carries the dialogue state from
 * line to line in --jsonl mode (by default each line is independent); --knowledge FILE uses another
 * knowledge file (default models/knowledge/default.json).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadNodeIntentModel } from '../src/intent/node.js';
import { askResult, frontDeskTurn, validateUtterance, type InputError } from '../src/dialogue/front-desk.js';
import { knowledgeFromData, type KnowledgeData } from '../src/dialogue/knowledge.js';
import { INITIAL_STATE, type DialogueState } from '../src/dialogue/policy.js';
import type { SiteKind } from '../src/taxonomy.js';

const DEFAULT_KNOWLEDGE = fileURLToPath(new URL('../knowledge/default.json', import.meta.url));

interface Args {
  jsonl: boolean;
  context: boolean;
  site: SiteKind | undefined;
  knowledge: string;
  words: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    jsonl: false,
    context: false,
    site: undefined,
    knowledge: DEFAULT_KNOWLEDGE,
    words: [],
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i] ?? '';
    if (a === '--jsonl') args.jsonl = true;
    else if (a === '--context') args.context = true;
    else if (a === '--site') {
      const v = argv[(i += 1)];
      if (v !== 'hotel' && v !== 'hospital') throw new Error('--site must be hotel or hospital');
      args.site = v;
    } else if (a === '--knowledge') args.knowledge = argv[(i += 1)] ?? DEFAULT_KNOWLEDGE;
    else args.words.push(a);
  }
  return args;
}

/** Splits stdin into lines as bytes, so one bad line (invalid UTF-8) cannot spoil the others. */
function splitLines(input: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < input.length; i += 1) {
    if (input[i] === 0x0a) {
      lines.push(input.subarray(start, i > start && input[i - 1] === 0x0d ? i - 1 : i));
      start = i + 1;
    }
  }
  if (start < input.length) lines.push(input.subarray(start));
  return lines;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function decodeLine(bytes: Buffer): { text: string } | { error: InputError } {
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { error: { code: 'binary_input', message: 'the line is not valid UTF-8' } };
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const knowledge = knowledgeFromData(JSON.parse(readFileSync(args.knowledge, 'utf8')) as KnowledgeData);
  const model = await loadNodeIntentModel();
  const site = args.site;
  try {
    if (!args.jsonl) {
      const text = args.words.join(' ');
      const invalid = validateUtterance(text);
      if (invalid !== null) {
        console.error(`ask: ${invalid.message} (usage: npm run --silent ask -- where is the lift)`);
        process.exitCode = 2;
        return;
      }
      const turn = await frontDeskTurn(model, knowledge, INITIAL_STATE, text, {
        nowMs: Date.now(),
        ...(site ? { site } : {}),
      });
      const p = turn.prediction;
      const slots =
        Object.entries(turn.slots)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' ') || '-';
      const d = turn.decision;
      const lines = [
        `${d.answer ?? '(no answer)'}`,
        '',
        `  intent      ${p.intent} (${p.confidence.toFixed(2)})${p.redFlag ? `, red flag: ${p.redFlag}` : ''}`,
        `  alternatives ${p.topK.map((t) => `${t.intent} ${t.probability.toFixed(2)}`).join(', ')}`,
        `  language    ${p.lang}    sentiment ${p.sentiment}${p.department ? `    department ${p.department}` : ''}`,
        `  slots       ${slots}`,
        `  action      ${d.action}${d.flow ? ` (${d.flow})` : ''}${d.escalation ? ` (${d.escalation}, priority ${d.priority})` : ''}${d.choices.length ? `: ${d.choices.join(' | ')}` : ''}`,
      ];
      console.log(lines.join('\n'));
      return;
    }

    const input = readFileSync(0);
    let state: DialogueState = INITIAL_STATE;
    const out: string[] = [];
    for (const bytes of splitLines(input)) {
      const decoded = decodeLine(bytes);
      if ('error' in decoded) {
        out.push(JSON.stringify({ error: decoded.error }));
        continue;
      }
      const text = decoded.text;
      const invalid = validateUtterance(text);
      if (invalid !== null) {
        out.push(
          JSON.stringify(invalid.code === 'empty_input' ? { text, error: invalid } : { error: invalid }),
        );
        continue;
      }
      try {
        const turn = await frontDeskTurn(model, knowledge, args.context ? state : INITIAL_STATE, text, {
          nowMs: Date.now(),
          ...(site ? { site } : {}),
        });
        if (args.context) state = turn.state;
        out.push(JSON.stringify(askResult(text, turn)));
      } catch (error) {
        out.push(
          JSON.stringify({
            text,
            error: {
              code: 'internal_error',
              message: error instanceof Error ? error.message : String(error),
            },
          }),
        );
      }
      // Flush in chunks so a long file streams out without one write per line.
      if (out.length >= 256) process.stdout.write(out.splice(0).join('\n') + '\n');
    }
    if (out.length > 0) process.stdout.write(out.join('\n') + '\n');
  } finally {
    await model.close();
  }
}

await main();
