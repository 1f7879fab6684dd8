/** Where a command writes: the process's streams in use, buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Where interactive commands (`skiff chat`) read lines from. @defaultValue process.stdin */
  input?: NodeJS.ReadableStream;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};
