// Saves a file the API serves to signed-in staff.
import { api } from '../api';
import { saveBlob } from '../saveBlob';

export async function downloadFile(path: string, filename: string): Promise<void> {
  saveBlob(await api.blob(path), filename);
}
