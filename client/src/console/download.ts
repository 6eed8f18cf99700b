// Saves a file the API serves to signed-in staff. Fetched (not a plain link) so that a
// refusal shows as the server's message instead of a downloaded error document.
import { api } from '../api';

export async function downloadFile(path: string, filename: string): Promise<void> {
  const blob = await api.blob(path);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns: free it only once the download has surely started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
