/**
 * imsmanifest.xml for a single-SCO SCORM 1.2 package: one organization, one item (with
 * adlcp:masteryscore when there is a pass mark) and one resource of adlcp:scormtype="sco"
 * that lists every file of the package.
 */

/** Escapes text for an XML attribute or element. */
export function xmlEscape(text: string): string {
	return text.replace(/[<>&"']/g, (c) =>
		c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;'
	);
}

/** An XML NCName-like identifier from any text: letters, digits, '-', '_' and '.'. */
export function xmlId(text: string): string {
	const id = text.replace(/[^A-Za-z0-9_.-]/g, '-');
	return /^[A-Za-z_]/.test(id) ? id : `Q-${id}`;
}

/** What the manifest names. */
export interface ManifestInput {
	/** The package's identifier (an assignment's or a set's id). */
	identifier: string;
	title: string;
	/** Percent 0..100, or null for no pass mark. */
	masteryScore: number | null;
	/** The SCO's launch file, e.g. index.html. */
	launch: string;
	/** Every file of the package but imsmanifest.xml itself, paths with '/'. */
	files: readonly string[];
}

/** The manifest's text. */
export function manifestXml(m: ManifestInput): string {
	const id = xmlId(m.identifier);
	const title = xmlEscape(m.title);
	// SCORM 1.2 masteryscore is a CMIDecimal 0..100; a whole number is what LMSs compare best.
	const mastery =
		m.masteryScore === null
			? ''
			: `\n\t\t\t\t<adlcp:masteryscore>${Math.round(m.masteryScore)}</adlcp:masteryscore>`;
	const files = [...new Set(m.files)]
		.sort()
		.map((f) => `\n\t\t\t<file href="${xmlEscape(f)}"/>`)
		.join('');
	return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${id}" version="1"
	xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
	xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
	xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
	xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
	<metadata>
		<schema>ADL SCORM</schema>
		<schemaversion>1.2</schemaversion>
	</metadata>
	<organizations default="ORG-${id}">
		<organization identifier="ORG-${id}">
			<title>${title}</title>
			<item identifier="ITEM-${id}" identifierref="RES-${id}" isvisible="true">
				<title>${title}</title>${mastery}
			</item>
		</organization>
	</organizations>
	<resources>
		<resource identifier="RES-${id}" type="webcontent" adlcp:scormtype="sco" href="${xmlEscape(m.launch)}">${files}
		</resource>
	</resources>
</manifest>
`;
}
