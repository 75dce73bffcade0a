export interface StatusLine {
  kind: 'ok' | 'error' | 'busy';
  text: string;
}

/** The outcome of the last action: a status for progress and success, an alert for a failure. */
export function Status({ line }: { line: StatusLine }) {
  return (
    <p class={`admin-status admin-status-${line.kind}`} role={line.kind === 'error' ? 'alert' : 'status'}>
      {line.text}
    </p>
  );
}

/** Hands a file to the browser's downloads (the export). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
