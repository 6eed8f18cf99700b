// Hands a fetched file to the browser as a download. Files behind a session or a
// bearer token are fetched first (a plain link cannot carry the header, and a
// refusal should show as a message, not as a downloaded error document).
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Slow phones may still be reading the blob right after the click: free it once the download has surely started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
