import { createInterface } from 'node:readline';

/** Everything on a piped stdin, less the final line break: `printf '%s' "$PW" | npm run cli -- users set-password …`. */
async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** One line from the terminal without echoing it. */
function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Echo nothing but the question itself while the password is typed.
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

/**
 * The new password: read from stdin when it is piped (so scripts never put it on a command
 * line or in the shell history), else asked for twice at the terminal.
 */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await ask('New password: ');
  const second = await ask('Repeat it: ');
  if (first !== second) throw new Error('The two passwords differ; nothing was changed.');
  return first;
}
