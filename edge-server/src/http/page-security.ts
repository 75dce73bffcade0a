/**
 * Response headers that keep browsers from misreading what this server sends: `nosniff` on every
 * response (a photo or JSON body is never run as HTML or script), a strict policy on the server's own
 * HTML pages (`/`, `/m/*`: no script at all, their one inline style allowed by its hash, never
 * framed), and a sandbox for uploaded photos (a PNG+HTML polyglot opened directly stays an inert image).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export const NOSNIFF = { 'x-content-type-options': 'nosniff' } as const;

/** The CSP source for an inline `<style>` element's exact text. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/**
 * The policy of a server-rendered page: nothing loads but its own inline style (by hash) and images
 * from this server or inline; no script, no forms, no plugins, no base, and no framing (clickjacking).
 */
export function pageContentSecurityPolicy(css: string): string {
  return [
    "default-src 'none'",
    `style-src ${styleHash(css)}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sends a server-rendered HTML page with its strict policy. */
export function sendPage(reply: FastifyReply, status: number, html: string, css: string): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', pageContentSecurityPolicy(css))
    .header('x-frame-options', 'DENY')
    .send(html);
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Headers of an uploaded photo: its sniffed type, never run as a document, shown inline with a name. */
export function photoHeaders(photo: { id: string; mime: string }): Record<string, string> {
  return {
    'content-type': photo.mime,
    'content-security-policy': "default-src 'none'; sandbox",
    'content-disposition': `inline; filename="photo-${photo.id.slice(0, 16)}.${EXTENSIONS[photo.mime] ?? 'bin'}"`,
    'cache-control': 'private, no-store',
  };
}
