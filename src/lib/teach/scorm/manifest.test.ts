import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import bank from 'virtual:quire-bank';
import type { AnyItem } from '../../bank/set';
import { contentFromSet } from './content';
import { packageFiles, zipFiles, type PlayerFiles } from './package';

/**
 * imsmanifest.xml as an LMS reads it: valid against the SCORM 1.2 schemas (ADL's
 * adlcp_rootv1p2.xsd, which imports IMS's imscp_rootv1p1p2.xsd; see xsd/README.md), and the
 * rules the schemas cannot state checked by hand, on the zip itself.
 */

const CP = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
const ADLCP = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
const xsd = (name: string) => ({
	fileName: name,
	contents: readFileSync(new URL(`./xsd/${name}`, import.meta.url), 'utf8')
});

/** xmllint (libxml2 in WebAssembly) against the SCORM 1.2 schemas: the error messages, [] when valid. */
async function schemaErrors(xml: string): Promise<string[]> {
	const result = await validateXML({
		xml: [{ fileName: 'imsmanifest.xml', contents: xml }],
		schema: [xsd('adlcp_rootv1p2.xsd')],
		preload: [xsd('imscp_rootv1p1p2.xsd'), xsd('ims_xml.xsd')]
	});
	return result.valid ? [] : result.errors.map((e) => e.message);
}

/**
 * What SCORM 1.2 asks of a single-SCO package beyond the schemas, in words: the namespaces, the
 * metadata, references that resolve, the SCO's launch file, the files listed against the files
 * in the zip, and a mastery score exactly when there is a pass mark.
 */
function manifestProblems(zip: Record<string, Uint8Array>, passMark: number | null): string[] {
	const problems: string[] = [];
	const raw = zip['imsmanifest.xml'];
	if (!raw) return ['no imsmanifest.xml at the root of the zip'];
	const doc = parseDocument(new TextDecoder().decode(raw), { xmlMode: true });
	const all = (name: string) => DomUtils.getElementsByTagName(name, doc, true);
	const text = (el: Element | undefined) => (el ? DomUtils.textContent(el).trim() : null);
	const manifest = all('manifest')[0];
	if (!manifest) return ['no manifest element'];
	if (manifest.attribs.xmlns !== CP) problems.push(`manifest is not in ${CP}`);
	if (manifest.attribs['xmlns:adlcp'] !== ADLCP) problems.push(`adlcp is not bound to ${ADLCP}`);
	if (!manifest.attribs.identifier) problems.push('manifest has no identifier');
	if (text(all('schema')[0]) !== 'ADL SCORM') problems.push('metadata/schema is not "ADL SCORM"');
	if (text(all('schemaversion')[0]) !== '1.2') problems.push('metadata/schemaversion is not "1.2"');

	const ids = [...all('manifest'), ...all('organization'), ...all('item'), ...all('resource')].map(
		(el) => el.attribs.identifier
	);
	if (new Set(ids).size !== ids.length) problems.push(`identifiers repeat: ${ids.join(', ')}`);
	const organizations = all('organization');
	const orgDefault = all('organizations')[0]?.attribs.default;
	if (organizations.length !== 1) problems.push(`${organizations.length} organizations`);
	if (!organizations.some((o) => o.attribs.identifier === orgDefault))
		problems.push(`organizations default "${orgDefault}" names no organization`);
	const items = all('item');
	const resources = all('resource');
	if (items.length !== 1) problems.push(`${items.length} items`);
	const item = items[0];
	const sco = resources.find((r) => r.attribs.identifier === item?.attribs.identifierref);
	if (!sco) problems.push(`item identifierref "${item?.attribs.identifierref}" names no resource`);
	else {
		if (sco.attribs['adlcp:scormtype'] !== 'sco') problems.push('the resource is not a sco');
		if (sco.attribs.type !== 'webcontent') problems.push('the resource is not webcontent');
		const href = sco.attribs.href;
		if (!href || !zip[href]) problems.push(`the SCO's href "${href}" is not in the zip`);
		const listed = DomUtils.getElementsByTagName('file', sco, true).map(
			(f) => f.attribs.href ?? ''
		);
		if (href && !listed.includes(href)) problems.push(`the launch file ${href} is not listed`);
		for (const path of listed) if (!zip[path]) problems.push(`${path} is listed, not in the zip`);
		for (const path of Object.keys(zip))
			if (path !== 'imsmanifest.xml' && !listed.includes(path))
				problems.push(`${path} is in the zip, not listed`);
	}
	const mastery = item ? DomUtils.getElementsByTagName('adlcp:masteryscore', item, true) : [];
	if (passMark === null && mastery.length) problems.push('a mastery score without a pass mark');
	if (passMark !== null && text(mastery[0]) !== String(passMark))
		problems.push(`adlcp:masteryscore is ${text(mastery[0])}, not ${passMark}`);
	return problems;
}

const items = ['single', 'truefalse', 'short'].map((t) =>
	bank.items.find((i) => i.type === t)!
) as AnyItem[];
const player: PlayerFiles = {
	'index.html': '<!doctype html><title>q</title>',
	'player.js': 'void 0;',
	'player.css': 'body{}'
};

/** A package of three questions as the app zips it, and its manifest's text. */
function made(passMark: number | null, title = 'Unit 3 <check> & “more”') {
	const content = contentFromSet(items, { title, seed: 'abc', passMark });
	if (!content.ok) throw new Error(content.reason);
	const files = packageFiles(content.content, player, 'set-unit-3');
	return { zip: unzipSync(zipFiles(files, Date.UTC(2026, 0, 1))), xml: files['imsmanifest.xml']! };
}

describe('imsmanifest.xml against SCORM 1.2', () => {
	it('validates against the SCORM 1.2 schemas, with a pass mark and without', async () => {
		expect(await schemaErrors(made(70).xml)).toEqual([]);
		expect(await schemaErrors(made(null, 'Ünïcode & <tags> "quoted"').xml)).toEqual([]);
	});

	it('is refused by the schemas when it breaks them, so the check can fail', async () => {
		const { xml } = made(70);
		expect(
			(await schemaErrors(xml.replace('scormtype="sco"', 'scormtype="lesson"'))).join()
		).toMatch(/scormtype.*not an element of the set/);
		expect(
			(await schemaErrors(xml.replace(/<resource identifier="[^"]*"/, '<resource'))).join()
		).toMatch(/attribute 'identifier' is required/);
		expect(
			await schemaErrors(xml.replace(/<organizations default="[^"]*">[^]*<\/organizations>/, ''))
		).not.toEqual([]);
	});

	it('holds what the schemas cannot: references, the launch file, every file listed and present', () => {
		expect(manifestProblems(made(70).zip, 70)).toEqual([]);
		expect(manifestProblems(made(null).zip, null)).toEqual([]);
	});

	it('names each broken rule of a broken package', () => {
		const { zip } = made(70);
		const xml = new TextDecoder()
			.decode(zip['imsmanifest.xml'])
			.replace('<file href="player.css"/>', '<file href="missing.css"/>')
			.replace(/identifierref="[^"]*"/, 'identifierref="RES-nowhere"')
			.replace(/<organizations default="[^"]*"/, '<organizations default="ORG-other"')
			.replace('<schemaversion>1.2</schemaversion>', '<schemaversion>1.3</schemaversion>');
		const broken = { ...zip, 'imsmanifest.xml': new TextEncoder().encode(xml) };
		expect(manifestProblems(broken, 60)).toEqual([
			'metadata/schemaversion is not "1.2"',
			'organizations default "ORG-other" names no organization',
			'item identifierref "RES-nowhere" names no resource',
			'adlcp:masteryscore is 70, not 60'
		]);
		const relinked = new TextDecoder()
			.decode(zip['imsmanifest.xml'])
			.replace('<file href="player.css"/>', '<file href="missing.css"/>');
		expect(
			manifestProblems({ ...zip, 'imsmanifest.xml': new TextEncoder().encode(relinked) }, 70)
		).toEqual(['missing.css is listed, not in the zip', 'player.css is in the zip, not listed']);
	});
});
