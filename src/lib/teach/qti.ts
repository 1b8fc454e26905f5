/**
 * A QTI 1.2 question bank, as Canvas's and Blackboard's importers read it: a zip with an IMS
 * content package manifest and one assessment (an objectbank of items). Single, multi,
 * true/false, short answer and numeric items are written, in Canvas's QTI 1.2 dialect (each
 * item's question_type in its metadata); cloze, order and match items are named and left out.
 */
import { strToU8, zipSync } from 'fflate';
import type { AnyItem } from '../bank/set';
import { acceptedAnswers } from '../engine/score';
import { xmlEscape, xmlId } from './scorm/manifest';

/** The item types QTI 1.2 export writes. */
export const QTI_TYPES = ['single', 'multi', 'truefalse', 'short', 'numeric'] as const;

/** Canvas's question_type for each type written. */
const QUESTION_TYPE: Record<(typeof QTI_TYPES)[number], string> = {
	single: 'multiple_choice_question',
	multi: 'multiple_answers_question',
	truefalse: 'true_false_question',
	short: 'short_answer_question',
	numeric: 'numerical_question'
};

const text = (s: string) =>
	`<material><mattext texttype="text/plain">${xmlEscape(s)}</mattext></material>`;
const meta = (label: string, value: string) =>
	`<qtimetadatafield><fieldlabel>${label}</fieldlabel><fieldentry>${xmlEscape(value)}</fieldentry></qtimetadatafield>`;
const score = (conditions: string) =>
	`<respcondition continue="No"><conditionvar>${conditions}</conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition>`;

function choices(list: readonly string[]): string {
	return list
		.map((c, i) => `<response_label ident="${i + 1}">${text(c)}</response_label>`)
		.join('');
}

function body(item: AnyItem): { presentation: string; conditions: string } | null {
	switch (item.type) {
		case 'single':
			return {
				presentation: `<response_lid ident="response1" rcardinality="Single"><render_choice>${choices(item.choices)}</render_choice></response_lid>`,
				conditions: score(
					`<varequal respident="response1">${item.choices.indexOf(item.answer) + 1}</varequal>`
				)
			};
		case 'multi':
			return {
				presentation: `<response_lid ident="response1" rcardinality="Multiple"><render_choice>${choices(item.choices)}</render_choice></response_lid>`,
				conditions: score(
					`<and>${item.choices
						.map((c, i) =>
							item.answers.includes(c)
								? `<varequal respident="response1">${i + 1}</varequal>`
								: `<not><varequal respident="response1">${i + 1}</varequal></not>`
						)
						.join('')}</and>`
				)
			};
		case 'truefalse':
			return {
				presentation: `<response_lid ident="response1" rcardinality="Single"><render_choice>${choices(['True', 'False'])}</render_choice></response_lid>`,
				conditions: score(`<varequal respident="response1">${item.answer ? 1 : 2}</varequal>`)
			};
		case 'short': {
			const forms = acceptedAnswers(item)?.[0] ?? [item.answer];
			return {
				presentation: `<response_str ident="response1" rcardinality="Single"><render_fib><response_label ident="answer1" rshuffle="No"/></render_fib></response_str>`,
				conditions: score(
					`<or>${forms.map((f) => `<varequal respident="response1">${xmlEscape(f)}</varequal>`).join('')}</or>`
				)
			};
		}
		case 'numeric': {
			const t = item.tolerance ?? 0;
			return {
				presentation: `<response_str ident="response1" rcardinality="Single"><render_fib fibtype="Decimal"><response_label ident="answer1"/></render_fib></response_str>`,
				conditions: score(
					`<or><varequal respident="response1">${item.answer}</varequal><and><vargte respident="response1">${item.answer - t}</vargte><varlte respident="response1">${item.answer + t}</varlte></and></or>`
				)
			};
		}
		default:
			return null;
	}
}

function itemXml(item: AnyItem): string | null {
	const b = body(item);
	if (!b || !(QTI_TYPES as readonly string[]).includes(item.type)) return null;
	const prompt =
		item.type === 'numeric' && item.unit ? `${item.prompt} (in ${item.unit})` : item.prompt;
	const feedback = item.explanation
		? `<itemfeedback ident="general_fb">${text(item.explanation)}</itemfeedback>`
		: '';
	return `<item ident="${xmlId(item.id)}" title="${xmlEscape(item.prompt.slice(0, 80))}"><itemmetadata><qtimetadata>${meta('question_type', QUESTION_TYPE[item.type as (typeof QTI_TYPES)[number]])}${meta('points_possible', '1')}</qtimetadata></itemmetadata><presentation>${text(prompt)}${b.presentation}</presentation><resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>${b.conditions}</resprocessing>${feedback}</item>`;
}

/** What qtiPackage made: the zip and what it could not carry. */
export interface QtiPackage {
	zip: Uint8Array;
	/** The assessment's XML (also inside the zip). */
	xml: string;
	written: number;
	/** One line per item left out: its type, id and prompt. */
	skipped: string[];
}

/** The items as a QTI 1.2 question bank zip. */
export function qtiPackage(
	items: readonly AnyItem[],
	o: { title: string; id: string; mtime?: number }
): QtiPackage {
	const id = xmlId(o.id);
	const written: string[] = [];
	const skipped: string[] = [];
	for (const item of items) {
		const xml = itemXml(item);
		if (xml) written.push(xml);
		else
			skipped.push(
				`${item.type} question ${item.id} (“${item.prompt.slice(0, 60)}”): QTI 1.2 export writes single, multi, true/false, short answer and numeric questions`
			);
	}
	const xml = `<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">
<objectbank ident="${id}"><qtimetadata>${meta('bank_title', o.title)}</qtimetadata>
${written.join('\n')}
</objectbank>
</questestinterop>
`;
	const path = `${id}/${id}.xml`;
	const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="M-${id}" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2">
<metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion><imsmd:lom><imsmd:general><imsmd:title><imsmd:string>${xmlEscape(o.title)}</imsmd:string></imsmd:title></imsmd:general></imsmd:lom></metadata>
<organizations/>
<resources><resource identifier="R-${id}" type="imsqti_xmlv1p2" href="${path}"><file href="${path}"/></resource></resources>
</manifest>
`;
	const mtime = new Date(Math.max(Date.UTC(1980, 0, 2), o.mtime ?? Date.now()));
	const zip = zipSync({
		'imsmanifest.xml': [strToU8(manifest), { mtime }],
		[path]: [strToU8(xml), { mtime }]
	});
	return { zip, xml, written: written.length, skipped };
}
