import type { Response } from 'express';

/** RFC 6266: an ASCII fallback and the UTF-8 name for "Ritning_Åby.pdf". */
export const contentDisposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * A company's file as a download, for the API and the staff pages alike: never cached, never run
 * as a page of ours (a sandbox policy of its own), with its checksum.
 */
export function sendCaseFile(
  res: Response,
  file: { name: string; mediaType: string; sha256: string; content: Buffer },
): void {
  res.setHeader('content-type', file.mediaType);
  res.setHeader('content-disposition', contentDisposition(file.name));
  res.setHeader('cache-control', 'private, no-store');
  res.setHeader('content-security-policy', "default-src 'none'; sandbox");
  res.setHeader('x-checksum-sha256', file.sha256);
  res.send(file.content);
}
