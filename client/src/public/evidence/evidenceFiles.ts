// Evidence files chosen on the phone: what kind each is, the server's limits, previews.
export type EvidenceKind = 'photo' | 'video' | 'audio' | 'document';

/** The server's defaults (EVIDENCE_MAX_FILES, _FILE_MB, _TOTAL_MB); it checks again. */
export const EVIDENCE_LIMITS = { maxFiles: 10, maxFileMb: 50, maxTotalMb: 200 };
const MB = 1024 * 1024;

/** What the file pickers offer; the server decides by the bytes, not by this. */
export const EVIDENCE_ACCEPT = 'image/*,video/*,audio/*,application/pdf,.heic,.heif,.mov,.mp4,.m4a,.amr,.pdf';

export interface PickedFile {
  id: string;
  file: File;
  kind: EvidenceKind;
  /** Object URL for an image thumbnail; revoke with releaseFiles(). */
  previewUrl?: string;
  /** Photos: the copy made smaller for upload, being prepared; null means the original is sent. */
  smaller?: Promise<File | null>;
  /** The reporter chose to send this photo as taken ("发送原图"). */
  sendOriginal?: boolean;
}

const EXTENSION_KINDS: Record<string, EvidenceKind> = {
  jpg: 'photo',
  jpeg: 'photo',
  png: 'photo',
  webp: 'photo',
  heic: 'photo',
  heif: 'photo',
  mp4: 'video',
  mov: 'video',
  m4v: 'video',
  '3gp': 'video',
  mp3: 'audio',
  m4a: 'audio',
  aac: 'audio',
  amr: 'audio',
  ogg: 'audio',
  wav: 'audio',
  pdf: 'document',
};

export function kindOf(file: File): EvidenceKind | null {
  const type = file.type.toLowerCase();
  if (type.startsWith('image/')) return type === 'image/svg+xml' || type === 'image/gif' ? null : 'photo';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (type === 'application/pdf') return 'document';
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return EXTENSION_KINDS[ext] ?? null;
}

/** Browsers can draw these as thumbnails (HEIC mostly not). */
const PREVIEWABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

export interface EvidenceProblemText {
  tooLarge(name: string, mb: number): string;
  wrongType(name: string): string;
  tooMany(max: number): string;
  totalTooLarge(mb: number): string;
  empty(name: string): string;
}

let counter = 0;

/** Adds what fits within the limits; explains what did not. */
export function addFiles(
  current: PickedFile[],
  incoming: File[],
  text: EvidenceProblemText,
  limits = EVIDENCE_LIMITS,
): { files: PickedFile[]; problems: string[] } {
  const files = [...current];
  const problems: string[] = [];
  let total = files.reduce((n, f) => n + f.file.size, 0);
  for (const file of incoming) {
    const kind = kindOf(file);
    if (!kind) problems.push(text.wrongType(file.name));
    else if (file.size === 0) problems.push(text.empty(file.name));
    else if (file.size > limits.maxFileMb * MB) problems.push(text.tooLarge(file.name, limits.maxFileMb));
    else if (files.length >= limits.maxFiles) {
      problems.push(text.tooMany(limits.maxFiles));
      break;
    } else if (total + file.size > limits.maxTotalMb * MB) problems.push(text.totalTooLarge(limits.maxTotalMb));
    else {
      total += file.size;
      files.push({
        id: `f${++counter}`,
        file,
        kind,
        previewUrl: PREVIEWABLE.has(file.type) ? URL.createObjectURL(file) : undefined,
        smaller: kind === 'photo' ? smallerLater(file) : undefined,
      });
    }
  }
  return { files, problems };
}

export function releaseFiles(files: PickedFile[]): void {
  for (const f of files) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
}

/** Starts making a photo smaller; the downscaler is loaded only now, not with the form. */
function smallerLater(photo: File): Promise<File | null> {
  return import('./downscale').then((m) => m.smallerPhoto(photo)).catch(() => null);
}

/** The bytes that will be uploaded: the smaller copy unless the original was chosen or none was made. */
export async function fileToSend(file: PickedFile): Promise<File> {
  if (file.sendOriginal || !file.smaller) return file.file;
  return (await file.smaller) ?? file.file;
}

/** Adds the files to an upload form, as they are to be sent and under neutral names. */
export async function appendEvidence(form: FormData, files: PickedFile[]): Promise<void> {
  const sending = await Promise.all(files.map(fileToSend));
  sending.forEach((file, i) => form.append('evidence', file, uploadName(file, i)));
}

/** A neutral upload name: the phone's file name can say who took it or when. */
function uploadName(file: File, index: number): string {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(file.name)?.[1]?.toLowerCase();
  return `evidence-${index + 1}${ext ? `.${ext}` : ''}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
}
