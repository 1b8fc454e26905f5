/** Saves text (or bytes, such as a zip) as a file through a temporary <a download>. */
export function downloadText(
	text: string | Uint8Array<ArrayBuffer>,
	name: string,
	type: string,
	doc: Document = document
) {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const a = doc.createElement('a');
	a.href = url;
	a.download = name;
	a.hidden = true;
	doc.body.append(a);
	a.click();
	a.remove();
	// Give the browser a moment to start the download before the URL goes away.
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
