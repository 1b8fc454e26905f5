import { strFromU8, unzipSync } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import bank from 'virtual:quire-bank';
import type { AnyItem } from '../bank/set';
import { qtiPackage } from './qti';

const all = (name: string, node: Parameters<typeof DomUtils.getElementsByTagName>[1]) =>
	DomUtils.getElementsByTagName(name, node, true);
const textOf = (node: Element) => DomUtils.textContent(node).trim();

/** One item read back from the QTI: what an importer sees. */
function readItem(el: Element) {
	const fields = new Map(
		all('qtimetadatafield', el).map((f) => [
			textOf(all('fieldlabel', f)[0]!),
			textOf(all('fieldentry', f)[0]!)
		])
	);
	const type = fields.get('question_type');
	const presentation = all('presentation', el)[0]!;
	const prompt = textOf(all('mattext', presentation)[0]!);
	const labels = all('response_label', presentation).map((l) => ({
		ident: l.attribs.ident ?? '',
		text: all('mattext', l)[0] ? textOf(all('mattext', l)[0]!) : ''
	}));
	const condition = all('conditionvar', el)[0]!;
	const right = all('varequal', condition)
		.filter((v) => (v.parent as Element).name !== 'not')
		.map(textOf);
	const range = [...all('vargte', condition), ...all('varlte', condition)].map((v) =>
		Number(textOf(v))
	);
	return { ident: el.attribs.ident, type, prompt, labels, right, range };
}

describe('QTI 1.2 export', () => {
	it('writes single, multi, true/false, short and numeric items that parse back as they were', () => {
		const items = bank.items.filter((i) =>
			['single', 'multi', 'truefalse', 'short', 'numeric'].includes(i.type)
		) as AnyItem[];
		const skippedItems = bank.items.filter((i) => !items.includes(i));
		const qti = qtiPackage([...items, ...skippedItems], {
			title: 'Bank & <more>',
			id: 'bank-1',
			mtime: 0
		});
		expect(qti.written).toBe(items.length);
		expect(qti.skipped).toHaveLength(skippedItems.length);
		for (const [n, s] of qti.skipped.entries()) {
			expect(s).toContain(skippedItems[n]!.id);
			expect(s).toMatch(/^(cloze|order|match) question /);
		}

		const zip = unzipSync(qti.zip);
		expect(Object.keys(zip).sort()).toEqual(['bank-1/bank-1.xml', 'imsmanifest.xml']);
		const manifest = parseDocument(strFromU8(zip['imsmanifest.xml']!), { xmlMode: true });
		const [resource] = all('resource', manifest);
		expect(resource?.attribs.type).toBe('imsqti_xmlv1p2');
		expect(resource?.attribs.href).toBe('bank-1/bank-1.xml');
		expect(all('file', manifest).map((f) => f.attribs.href)).toEqual(['bank-1/bank-1.xml']);

		const doc = parseDocument(strFromU8(zip['bank-1/bank-1.xml']!), { xmlMode: true });
		expect(textOf(all('fieldentry', all('objectbank', doc)[0]!)[0]!)).toBe('Bank & <more>');
		const read = all('item', doc).map(readItem);
		expect(read).toHaveLength(items.length);
		for (const [n, item] of items.entries()) {
			const r = read[n]!;
			expect(r.ident).toBe(item.id);
			switch (item.type) {
				case 'single':
					expect(r.type).toBe('multiple_choice_question');
					expect(r.prompt).toBe(item.prompt);
					expect(r.labels.map((l) => l.text)).toEqual(item.choices);
					expect(r.right.map((i) => r.labels.find((l) => l.ident === i)!.text)).toEqual([
						item.answer
					]);
					break;
				case 'multi':
					expect(r.type).toBe('multiple_answers_question');
					expect(r.labels.map((l) => l.text)).toEqual(item.choices);
					expect(r.right.map((i) => r.labels.find((l) => l.ident === i)!.text).sort()).toEqual(
						[...item.answers].sort()
					);
					break;
				case 'truefalse':
					expect(r.type).toBe('true_false_question');
					expect(r.right.map((i) => r.labels.find((l) => l.ident === i)!.text)).toEqual([
						item.answer ? 'True' : 'False'
					]);
					break;
				case 'short':
					expect(r.type).toBe('short_answer_question');
					expect(r.right).toEqual([...new Set([item.answer, ...(item.accept ?? [])])]);
					break;
				case 'numeric':
					expect(r.type).toBe('numerical_question');
					expect(Number(r.right[0])).toBe(item.answer);
					expect(r.range).toEqual([
						item.answer - (item.tolerance ?? 0),
						item.answer + (item.tolerance ?? 0)
					]);
					break;
			}
		}
	});

	it('escapes text so markup in a question stays text', () => {
		const item = { ...bank.items.find((i) => i.type === 'single')! };
		const hostile = {
			...item,
			prompt: 'Is <b>this</b> & "that" <![CDATA[ x ]]> bold?',
			choices: ['<i>one</i>', 'two & three'],
			answer: '<i>one</i>'
		} as AnyItem;
		const qti = qtiPackage([hostile], { title: 't', id: 'x' });
		const doc = parseDocument(qti.xml, { xmlMode: true });
		const r = readItem(all('item', doc)[0]!);
		expect(r.prompt).toBe('Is <b>this</b> & "that" <![CDATA[ x ]]> bold?');
		expect(r.labels.map((l) => l.text)).toEqual(['<i>one</i>', 'two & three']);
		expect(all('b', doc)).toHaveLength(0);
	});
});
