import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeBytes, encodeText, type TextEncodingInfo } from '../parse';
import { FileError } from './errors';

/** A file as read, with what is needed to write a fix back safely. */
export interface ReadFile {
  path: string;
  text: string;
  encoding: TextEncodingInfo;
  /** The bytes as read, to detect a change on disk before writing. */
  bytes: Buffer;
}

export function readTemplateFile(path: string): ReadFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new FileError(`Cannot read ${path}: ${(error as Error).message}`);
  }
  const { text, encoding, bom } = decodeBytes(bytes);
  return { path, text, encoding: { encoding, bom }, bytes };
}

/**
 * Write fixed text atomically (a temporary file in the same directory, then rename), in the
 * file's own encoding, and only if the file on disk is still what was read.
 */
export function writeFixedFile(file: ReadFile, output: string): void {
  let current: Buffer;
  try {
    current = readFileSync(file.path);
  } catch (error) {
    throw new FileError(`Cannot write fixes to ${file.path}: ${(error as Error).message}`);
  }
  if (!current.equals(file.bytes)) throw new FileError(`Not writing fixes to ${file.path}: it changed on disk while being linted.`);
  const temporary = join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, encodeText(output, file.encoding), { mode: statSync(file.path).mode });
    renameSync(temporary, file.path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // The temporary file was never created.
    }
    throw new FileError(`Cannot write fixes to ${file.path}: ${(error as Error).message}`);
  }
}
