/** Where a JSON text stops being valid: one scanner for every reader of JSON files. */

/** Thrown by jsonErrorOffset's scanner where the text stops being valid JSON. */
class JsonSyntaxAt extends Error {
	readonly offset: number;
	constructor(offset: number) {
		super(`JSON syntax error at offset ${offset}`);
		this.offset = offset;
	}
}

/**
 * The offset of the first JSON syntax error, found with a small strict scanner (engines do not
 * all put a position in JSON.parse's message), or the text's length when it finds none. Called
 * once JSON.parse has failed, by the set-file readers of the library and of bank:convert.
 */
export function jsonErrorOffset(text: string): number {
	let i = 0;
	const fail = (): never => {
		throw new JsonSyntaxAt(i);
	};
	const ws = () => {
		while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
	};
	const str = () => {
		if (text[i] !== '"') fail();
		i++;
		while (i < text.length) {
			const ch = text[i] ?? '';
			if (ch === '"') {
				i++;
				return;
			}
			if (ch < ' ') fail();
			if (ch === '\\') {
				const e = text[i + 1] ?? '';
				if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
				else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
				else {
					i++;
					fail();
				}
			} else i++;
		}
		fail();
	};
	const value = (): void => {
		ws();
		const ch = text[i];
		if (ch === '{' || ch === '[') {
			const close = ch === '{' ? '}' : ']';
			i++;
			ws();
			if (text[i] === close) {
				i++;
				return;
			}
			for (;;) {
				if (ch === '{') {
					ws();
					str();
					ws();
					if (text[i] !== ':') fail();
					i++;
				}
				value();
				ws();
				if (text[i] === ',') i++;
				else if (text[i] === close) {
					i++;
					return;
				} else fail();
			}
		} else if (ch === '"') str();
		else {
			const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(
				text.slice(i, i + 400)
			);
			if (!m) fail();
			i += m?.[0].length ?? 0;
		}
	};
	try {
		value();
		ws();
		if (i < text.length) fail();
	} catch (e) {
		if (e instanceof JsonSyntaxAt) return Math.min(e.offset, text.length);
		throw e;
	}
	return text.length;
}
