/**
 * A long list drawn in steps: the first screenful with the page (and in the prerendered HTML),
 * then a few rows per task after mount. Drawing every row at once is one long task on a slow
 * phone, and taps wait for it; the prerendered page also carries every row's markup.
 */
export class Stepped {
	/** How many rows to draw now. */
	limit = $state(0);

	constructor(
		private readonly first: number,
		private readonly step: number,
		private readonly schedule: (fn: () => void) => () => void = (fn) => {
			const timer = setTimeout(fn);
			return () => clearTimeout(timer);
		}
	) {
		this.limit = first;
	}

	/**
	 * Grows `limit` by a step per task until it reaches `total()`, read at each step so a list
	 * that grows meanwhile is drawn whole. Gives the function that stops it (for onMount).
	 */
	start(total: () => number): () => void {
		let cancel: () => void = () => {};
		const more = () => {
			if (this.limit >= total()) return;
			this.limit += this.step;
			cancel = this.schedule(more);
		};
		cancel = this.schedule(more);
		return () => cancel();
	}
}
