// The address a poster's QR code carries. It goes through /p/:code, not straight to
// the form, so every scan is counted and a retired poster can be switched off.
export function posterScanUrl(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/p/${encodeURIComponent(code)}`;
}
