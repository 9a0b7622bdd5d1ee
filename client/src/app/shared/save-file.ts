import { HttpErrorResponse } from '@angular/common/http';

/** Hands a downloaded file to the browser as a download (the API needs a bearer token, so no plain link). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked on the next turn: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url));
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header, if any. */
export function attachmentName(contentDisposition: string | null): string | null {
  return contentDisposition?.match(/filename="?([^";]+)"?/i)?.[1] ?? null;
}

/** A file request's error body arrives as a Blob; read it so the toast shows the API's message. */
export async function withJsonErrorBody(error: unknown): Promise<unknown> {
  if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return error;
  try {
    const body = JSON.parse(await error.error.text());
    return new HttpErrorResponse({
      error: body,
      status: error.status,
      statusText: error.statusText,
      url: error.url ?? undefined,
    });
  } catch {
    return error;
  }
}
