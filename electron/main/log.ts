// Main's log: everything main and the engine print goes to a file in the app's log folder as well
// as to stdout, so a packaged app (whose stdout nobody sees) still leaves a trace to read.
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';

/** Copies console output (and `write`s) into `file`, each line stamped; returns the writer. */
export function startLogFile(file: string): { file: string; write: (source: string, text: string) => void } {
  mkdirSync(path.dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: 'a' });
  const write = (source: string, text: string) => {
    const stamp = new Date().toISOString();
    for (const line of text.split('\n')) if (line.trim()) stream.write(`${stamp} ${source} ${line}\n`);
  };
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      original(...args);
      write(level === 'log' || level === 'info' ? 'main' : `main ${level}`, format(...args));
    };
  }
  return { file, write };
}
