/** An in-memory Cache Storage for tests of the worker and the page's side of it. */
export class FakeCaches {
	stores = new Map<string, Map<string, Response>>();

	open(name: string): Promise<Cache> {
		const store = this.stores.get(name) ?? new Map<string, Response>();
		this.stores.set(name, store);
		const key = (r: RequestInfo | URL) =>
			typeof r === 'string' ? r : r instanceof URL ? r.href : r.url;
		const cache = {
			match: (r: RequestInfo | URL) => Promise.resolve(store.get(key(r))?.clone()),
			put: (r: RequestInfo | URL, response: Response) =>
				Promise.resolve(void store.set(key(r), response)),
			delete: (r: RequestInfo | URL) => Promise.resolve(store.delete(key(r)))
		};
		return Promise.resolve(cache as unknown as Cache);
	}

	asStorage(): CacheStorage {
		return this as unknown as CacheStorage;
	}
}
