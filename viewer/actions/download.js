/** Saves bytes as a file through a temporary link (the link carries data-testid="download-link" for tests). */
export function download(fileName, data, type) {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.dataset.testid = 'download-link';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
/** A study date or UID made safe for a file name. */
export function safeName(text) {
    return text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'study';
}
