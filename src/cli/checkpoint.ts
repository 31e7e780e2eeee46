import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';

/** Where an interrupted import stands: the next record to send, for this exact file. */
export type Checkpoint = {
  source: string;
  fileSize: number;
  fileMtimeMs: number;
  batchId: string;
  nextPosition: number;
};

export const checkpointPath = (file: string) => `${file}.import-checkpoint.json`;

/** The checkpoint of an earlier run over the same, unchanged file and source; else null. */
export async function readCheckpoint(file: string, source: string): Promise<Checkpoint | null> {
  try {
    const saved = JSON.parse(await readFile(checkpointPath(file), 'utf8')) as Checkpoint;
    const now = await stat(file);
    const same = saved.source === source && saved.fileSize === now.size && saved.fileMtimeMs === now.mtimeMs;
    return same ? saved : null;
  } catch {
    return null;
  }
}

/** Written after each committed chunk; the rename makes it atomic. */
export async function saveCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  const path = checkpointPath(file);
  await writeFile(`${path}.tmp`, JSON.stringify(checkpoint));
  await rename(`${path}.tmp`, path);
}

export async function clearCheckpoint(file: string): Promise<void> {
  await rm(checkpointPath(file), { force: true });
}
