// Which rows a virtualised table draws for a scroll position. The scroll area's height is capped
// (browsers cannot lay out elements tens of millions of pixels tall), so with a million rows the
// scrollbar maps proportionally onto the rows.

/** Scroll area heights stay well under Chromium's ~33.5 million pixel limit. */
export const MAX_SCROLL_PX = 8_000_000;

export interface RowWindow {
	/** First row drawn, and how many. */
	first: number;
	count: number;
	/** Height of the scroll area (the rows' true height, capped). */
	totalPx: number;
}

export function rowWindow(
	rows: number,
	rowPx: number,
	viewportPx: number,
	scrollTop: number,
	maxPx = MAX_SCROLL_PX
): RowWindow {
	const visible = Math.max(1, Math.ceil(viewportPx / rowPx));
	const contentPx = rows * rowPx;
	const totalPx = Math.min(contentPx, maxPx);
	const scrollable = totalPx - viewportPx;
	const lastFirst = Math.max(0, rows - visible);
	const share = scrollable > 0 ? Math.min(1, Math.max(0, scrollTop / scrollable)) : 0;
	const first = Math.min(lastFirst, Math.round(share * lastFirst));
	return { first, count: Math.min(visible, rows - first), totalPx };
}

/** The scroll position that shows row `row` first. */
export function scrollTopFor(
	row: number,
	rows: number,
	rowPx: number,
	viewportPx: number,
	maxPx = MAX_SCROLL_PX
): number {
	const { totalPx } = rowWindow(rows, rowPx, viewportPx, 0, maxPx);
	const lastFirst = Math.max(0, rows - Math.max(1, Math.ceil(viewportPx / rowPx)));
	return lastFirst ? (Math.min(row, lastFirst) / lastFirst) * Math.max(0, totalPx - viewportPx) : 0;
}
