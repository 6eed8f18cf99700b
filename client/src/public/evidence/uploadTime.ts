// How long a file will take to upload on this connection, for the warning beside a video
// or a long recording. Browsers that report the connection give its downlink speed; uploads
// on mobile networks are usually slower than downloads, so half of it is assumed.

/** Without connection information: a weak worksite connection, stated in the warning. */
export const ASSUMED_UPLOAD_MBPS = 0.5;
/** Shorter uploads get no warning. */
const WARN_FROM_SECONDS = 60;

interface NetworkInformation {
  downlink?: number;
}

export interface UploadEstimate {
  seconds: number;
  /** From the browser's own measure of the connection (else ASSUMED_UPLOAD_MBPS). */
  measured: boolean;
}

export function estimateUpload(bytes: number, downlinkMbps = currentDownlink()): UploadEstimate {
  const measured = typeof downlinkMbps === 'number' && downlinkMbps > 0;
  const mbps = measured ? downlinkMbps / 2 : ASSUMED_UPLOAD_MBPS;
  return { seconds: Math.ceil((bytes * 8) / (mbps * 1_000_000)), measured };
}

/** The estimate, when it is long enough to warn about. */
export function slowUpload(bytes: number, downlinkMbps = currentDownlink()): UploadEstimate | null {
  const estimate = estimateUpload(bytes, downlinkMbps);
  return estimate.seconds >= WARN_FROM_SECONDS ? estimate : null;
}

// Read through globalThis: the rules above are also unit-tested under Node, which has no connection.
function currentDownlink(): number | undefined {
  const nav = (globalThis as { navigator?: { connection?: NetworkInformation } }).navigator;
  return nav?.connection?.downlink;
}
