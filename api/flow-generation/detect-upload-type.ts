/** The type of an uploaded file, decided by its first bytes (its name and declared type are ignored). */
import type { GenerationMediaType } from '../../workflows/generate-flow-definitions';

const SIGNATURES: { type: GenerationMediaType; matches(head: Buffer): boolean }[] = [
  { type: 'application/pdf', matches: (head) => head.subarray(0, 5).toString('latin1') === '%PDF-' },
  {
    type: 'image/png',
    matches: (head) =>
      head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', matches: (head) => head.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) },
  {
    type: 'image/webp',
    matches: (head) =>
      head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** How many leading bytes {@link detectUploadType} needs. */
export const UPLOAD_SIGNATURE_BYTES = 12;

/** PDF, PNG, JPEG or WEBP by magic number; undefined for anything else. */
export function detectUploadType(head: Buffer): GenerationMediaType | undefined {
  return SIGNATURES.find((signature) => signature.matches(head))?.type;
}
