import { renderSVG } from 'uqr';
import { useMemo } from 'preact/hooks';

/**
 * A QR code drawn as SVG (uqr), with a text alternative. The SVG comes from our own encoder, not from
 * outside input, so inserting it as markup is safe.
 */
export function QrCode({ value, label }: { value: string; label: string }) {
  const svg = useMemo(() => renderSVG(value, { ecc: 'M', border: 2, pixelSize: 6 }), [value]);
  return (
    <div
      class="qr"
      role="img"
      aria-label={label}
      data-qr-value={value}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
