/** RFC 6266: an ASCII fallback and the UTF-8 name for "Ritning_Åby.pdf". */
export const contentDisposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * The headers of a company's file as a download, for the API and the staff pages alike: never
 * cached, never run as a page of ours (a sandbox policy of its own), with its checksum. Given as
 * data so the views stay free of the HTTP framework; each route sends them.
 */
export function caseFileHeaders(file: { name: string; mediaType: string; sha256: string }): Record<string, string> {
  return {
    'content-type': file.mediaType,
    'content-disposition': contentDisposition(file.name),
    'cache-control': 'private, no-store',
    'content-security-policy': "default-src 'none'; sandbox",
    'x-checksum-sha256': file.sha256,
  };
}
